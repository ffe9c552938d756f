package sales

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/contoso/c360/pipeline/salesprocess"
	c360sql "github.com/contoso/c360/sql"
)

// Reports builds the CRM report tables as of the calendar date of asOf
// under today's sales process (salesprocess.Default); see ReportsFor.
func Reports(ctx context.Context, conn *sql.Conn, asOf time.Time) error {
	return ReportsFor(ctx, conn, asOf, salesprocess.Default())
}

// ReportsFor builds the CRM report tables as of the calendar date of asOf
// (in asOf's location) under process p, which must be valid and the one the
// CRM tables were loaded with (see Options.Process): report_parameter,
// the process tables deal_stage, lead_sequence_step and sales_label,
// pipeline_by_stage, deal_outcome, tech_check_compliance,
// lead_sequence_task, sequence_violation and lead_task_summary. It runs in
// one transaction: on error no report table is changed.
func ReportsFor(ctx context.Context, conn *sql.Conn, asOf time.Time, p *salesprocess.Process) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sales: reports: %w", err)
	}
	defer tx.Rollback()
	if err := setParameters(ctx, tx, asOf, p); err != nil {
		return err
	}
	if err := writeProcess(ctx, tx, p); err != nil {
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

// setParameters writes report_parameter, binding as_of and the Tech Check
// amount as its parameters.
func setParameters(ctx context.Context, tx *sql.Tx, asOf time.Time, p *salesprocess.Process) error {
	stmts, err := statements("crm_parameter.sql", 1)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, stmts[0], asOf.Format(time.DateOnly), p.TechCheck.Amount()); err != nil {
		return fmt.Errorf("sales: reports: crm_parameter.sql: %w", err)
	}
	return nil
}

// writeProcess writes the process tables (crm_process.sql), one
// parameterised row at a time.
func writeProcess(ctx context.Context, tx *sql.Tx, p *salesprocess.Process) error {
	if err := c360sql.Exec(ctx, tx, "crm_process.sql"); err != nil {
		return fmt.Errorf("sales: reports: %w", err)
	}
	ins, err := statements("crm_process_rows.sql", 3)
	if err != nil {
		return err
	}
	var rows [][]any
	gate := p.GateOrder()
	for i, st := range p.Stages {
		rows = append(rows, []any{ins[0], i + 1, st.Name, st.Spanish, i+1 == gate})
	}
	for i, st := range p.Sequence {
		rows = append(rows, []any{ins[1], i + 1, st.Task, st.Spanish, st.ActivityType, st.DaysAfterPrevious})
	}
	for _, r := range p.Roles() {
		rows = append(rows, []any{ins[2], r.Role, r.Label})
	}
	for _, r := range rows {
		if _, err := tx.ExecContext(ctx, r[0].(string), r[1:]...); err != nil {
			return fmt.Errorf("sales: reports: writing the sales process: %w", err)
		}
	}
	return nil
}

// statements returns the n statements of the named SQL file.
func statements(name string, n int) ([]string, error) {
	stmts, err := c360sql.Statements(name)
	if err != nil {
		return nil, fmt.Errorf("sales: reports: %w", err)
	}
	if len(stmts) != n {
		return nil, fmt.Errorf("sales: reports: %s holds %d statements, want %d", name, len(stmts), n)
	}
	return stmts, nil
}
