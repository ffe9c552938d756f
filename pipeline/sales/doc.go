// Package sales builds Contoso's sales tables in DuckDB: it loads the CRM
// exports, links purchases to customers, computes the customer and business
// measures, and builds the CRM reports. The SQL lives in the embedded files
// of package sql (purchase.sql, measures.sql, crm_*.sql); this package runs
// it in the right order.
//
// # Loading
//
// LoadCRM reads the five CRM files (accounts, deals, tech_checks, leads,
// activities; see sources.CRM for their columns) in that order, so that each
// id is checked against the records loaded before it: a deal whose account
// is missing, a tech check whose deal is missing, a lead whose account is
// missing and an activity whose regarding id is no lead or deal are
// rejected, as are labels the sales process does not accept in a column
// its rules read, and out-of-range values. A rejected deal takes its tech
// checks and activities with it.
//
// # Purchases and measures
//
// Purchases builds table purchase from source_pos and source_online, joined
// to customer_source; Measures then builds customer_measure and
// business_measure from purchase and customer. A purchase whose key matches
// no loaded loyalty or contact record keeps a NULL customer and is counted
// in PurchaseCount.Unlinked.
//
// # Reports
//
// Reports (today's process) and ReportsFor (a configured one, see package
// salesprocess) build, as of a given date: pipeline_by_stage and
// deal_outcome, tech_check_compliance, and lead_sequence_task,
// sequence_violation and lead_task_summary. The date and the Tech Check
// amount are stored in the one-row table report_parameter(as_of,
// tech_check_threshold), and the process in deal_stage, lead_sequence_step
// and sales_label, written with parameters; every report reads them, so the
// published database records what its reports were computed for and no
// report depends on the clock. Catalog gives the CLI and HTML reports the
// process's stage and step names in the reader's language.
//
// The lead sequence (by default four steps for each lead of a Corporate
// account) is settled as follows; crm_lead_sequence.sql has the details.
//   - Step 1 is due on the lead's created date (plus its days, 0 by
//     default); step k is due its days (1, 3 and 2 by default) after step
//     k-1 ended: its actual completion date, or its cancel date, or, while
//     it is open or has no activity, its due date. So a late step shifts
//     every later due date.
//   - An activity with sequencestep k is step k's. Activities of a step's
//     type without one take the earliest free step of their type, in time
//     order.
//   - A step is done_on_time when completed on or before its due date,
//     done_late when after, canceled when its activity was canceled; steps
//     not done are stopped once the lead is no longer open, and
//     otherwise overdue, due_today or upcoming against as_of.
//   - Leads of other accounts (any other customer type, such as an
//     organisation's own Residential) get no tasks; activities on them that
//     carry a sequencestep are listed in sequence_violation.
//
// Contoso calls opportunities Deals: no table or column here says
// "opportunity", although the input headers (Dataverse logical names) do.
package sales
