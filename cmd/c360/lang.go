package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/contoso/c360/pipeline/i18n"
)

// addLangFlag adds --lang, the language of everything c360 writes for
// people: the printed reports and the HTML report of a run.
func (a *app) addLangFlag(root *cobra.Command) {
	root.PersistentFlags().StringVar(&a.lang, "lang", i18n.Default,
		"language of reports: "+fmt.Sprint(i18n.Languages()))
	root.PersistentPreRunE = a.useLanguage
}

// useLanguage checks --lang and keeps its catalogue for the commands and
// the report stage of a run.
func (a *app) useLanguage(cmd *cobra.Command, _ []string) error {
	cat, err := i18n.ForLang(a.lang)
	if err != nil {
		return usageError{fmt.Errorf("--lang: %w", err)}
	}
	a.catalog = cat
	return nil
}
