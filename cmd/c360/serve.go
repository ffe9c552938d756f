package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/contoso/c360/pipeline/review"
	"github.com/contoso/c360/pipeline/serve"
)

func (a *app) serveCommand() *cobra.Command {
	var addr, reviewer string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the customer search, customer cards and the review queue in a browser",
		Long: `serve runs a small web app over the published database (opened read-only, and
reopened when a run publishes a new one): search customers by name, e-mail, phone, source id
or customer id; see a customer's card (profile, source records, purchases, CRM, id history and
each link's evidence); and review the doubtful links. Review decisions go to the review file
beside the config (<config>.review.jsonl), which the next run applies.

It listens on 127.0.0.1 by default. Any other address needs a token in $` + serve.TokenEnv + `,
which every request must then carry (a sign-in page keeps it in a cookie).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			local, err := serve.IsLoopback(addr)
			if err != nil {
				return usageError{err}
			}
			token := os.Getenv(serve.TokenEnv)
			if !local && token == "" {
				return usageError{fmt.Errorf("--addr %s is not a loopback address: set $%s to a token that every request must carry", addr, serve.TokenEnv)}
			}
			log, _, done, err := a.output()
			if err != nil {
				return err
			}
			defer done()
			srv, err := serve.New(serve.Options{Database: cfg.Database, ReviewFile: review.FileFor(cfg),
				Token: token, Reviewer: reviewer, Logger: log})
			if err != nil {
				return err
			}
			defer srv.Close()
			return serve.Serve(cmd.Context(), addr, srv.Handler(), func(at string) {
				fmt.Fprintf(a.stdout, "c360 serve: http://%s/ (database %s; review decisions to %s)\n", at, cfg.Database, review.FileFor(cfg))
			})
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8360", "address to listen on (host:port)")
	cmd.Flags().StringVar(&reviewer, "reviewer", "", "name decisions are recorded under when the reviewer types none (default: the OS user)")
	return cmd
}
