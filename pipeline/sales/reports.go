package sales

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	c360sql "github.com/contoso/c360/sql"
)

// Reports builds the CRM report tables as of the calendar date of asOf (in
// asOf's location): report_parameter, deal_stage, pipeline_by_stage,
// deal_outcome, tech_check_compliance, lead_sequence_step,
// lead_sequence_task, sequence_violation and lead_task_summary. The CRM
// tables must have been loaded (see Load). It runs in one transaction: on
// error no report table is changed.
func Reports(ctx context.Context, conn *sql.Conn, asOf time.Time) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sales: reports: %w", err)
	}
	defer tx.Rollback()
	if err := setParameters(ctx, tx, asOf); err != nil {
		return err
	}
	for _, name := range []string{"crm_pipeline.sql", "crm_tech_check.sql", "crm_lead_sequence.sql"} {
		if err := c360sql.Exec(ctx, tx, name); err != nil {
			return fmt.Errorf("sales: reports: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sales: reports: commit: %w", err)
	}
	return nil
}

// setParameters writes report_parameter, binding as_of as its only parameter.
func setParameters(ctx context.Context, tx *sql.Tx, asOf time.Time) error {
	const name = "crm_parameter.sql"
	stmts, err := c360sql.Statements(name)
	if err != nil {
		return fmt.Errorf("sales: reports: %w", err)
	}
	if len(stmts) != 1 {
		return fmt.Errorf("sales: reports: %s holds %d statements, want 1", name, len(stmts))
	}
	if _, err := tx.ExecContext(ctx, stmts[0], asOf.Format(time.DateOnly)); err != nil {
		return fmt.Errorf("sales: reports: %s: %w", name, err)
	}
	return nil
}
