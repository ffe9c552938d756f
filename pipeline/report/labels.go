package report

// catalog holds every text a printed report shows a reader, so that a
// translation can replace it in one place. Only the table format uses it:
// csv and json keep the column names and stored values, which scripts rely
// on.
type catalog struct {
	titles  map[string]string // table -> section title
	columns map[string]string // column -> heading; a missing one shows the column name
	values  map[string]string // stored code -> text, for the columns in coded
	coded   map[string]bool   // columns whose values are codes
	yes, no string            // booleans
	asOf    string            // appended to the titles of dated reports; %s is the date
	noRows  string            // shown under the title of an empty section
}

// english is the catalogue in use.
func english() catalog {
	return catalog{
		titles: map[string]string{
			"pipeline_by_stage":     "Pipeline by stage (open deals)",
			"deal_outcome":          "Won and lost deals",
			"tech_check_compliance": "Tech Check compliance",
			"lead_task_summary":     "Lead sequence tasks by owner",
			"lead_sequence_task":    "Lead sequence tasks",
			"sequence_violation":    "Sequence activities on leads outside the sequence",
			"business_measure":      "Business measures",
			"customer_measure":      "Customer measures",
		},
		columns: map[string]string{
			// pipeline_by_stage, deal_outcome
			"stage_order":       "#",
			"stage":             "Stage",
			"open_deals":        "Open deals",
			"open_value":        "Open value",
			"weighted_value":    "Weighted value",
			"avg_days_in_stage": "Avg days in stage",
			"deals_over_20000":  "Over $20,000",
			"won_deals":         "Won",
			"won_value":         "Won value",
			"lost_deals":        "Lost",
			"lost_value":        "Lost value",
			"win_rate":          "Win rate",
			// tech_check_compliance
			"deal_id":         "Deal id",
			"deal_name":       "Deal",
			"owner_id":        "Owner",
			"state":           "State",
			"estimated_value": "Est. value",
			"required":        "Check required",
			"checks":          "Checks",
			"status":          "Status",
			"tech_check_id":   "Check id",
			"reviewed_by":     "Reviewed by",
			"reviewed_on":     "Reviewed on",
			"result":          "Result",
			"details":         "Details",
			"violation":       "Violation",
			// lead_sequence_task, lead_task_summary, sequence_violation
			"lead_id":        "Lead id",
			"lead_name":      "Lead",
			"company_name":   "Company",
			"account_id":     "Account",
			"lead_state":     "Lead state",
			"step":           "Step",
			"task":           "Task",
			"activity_type":  "Type",
			"due_on":         "Due",
			"activity_id":    "Activity",
			"activity_state": "Activity state",
			"completed_on":   "Completed",
			"canceled_on":    "Canceled",
			"customer_type":  "Account type",
			"reason":         "Reason",
			"leads":          "Leads",
			"tasks":          "Tasks",
			"done_on_time":   "Done on time",
			"done_late":      "Done late",
			"canceled":       "Canceled",
			"overdue":        "Overdue",
			"due_today":      "Due today",
			"upcoming":       "Upcoming",
			"stopped":        "Stopped",
			// business_measure, customer_measure
			"customer_id":        "Customer",
			"lifetime_spend":     "Lifetime spend",
			"in_store_spend":     "In-store spend",
			"online_spend":       "Online spend",
			"club_points":        "Club points",
			"avg_store_purchase": "Avg store purchase",
			"avg_web_purchase":   "Avg web purchase",
			"store_purchases":    "Store purchases",
			"online_purchases":   "Online purchases",
			"first_purchase_on":  "First purchase",
			"last_purchase_on":   "Last purchase",
			"store_spend":        "Store spend",
			"unlinked_purchases": "Unlinked purchases",
			"customers":          "Customers",
		},
		values: map[string]string{
			"done_on_time":  "done on time",
			"done_late":     "done late",
			"canceled":      "canceled",
			"overdue":       "overdue",
			"due_today":     "due today",
			"upcoming":      "upcoming",
			"stopped":       "stopped",
			"not_required":  "not required",
			"passed":        "passed",
			"failed":        "failed",
			"missing":       "missing",
			"not_corporate": "account not corporate",
			"no_account":    "no account",
			"phonecall":     "phone call",
			"email":         "e-mail",
			"task":          "task",
		},
		coded:  map[string]bool{"status": true, "reason": true, "activity_type": true},
		yes:    "yes",
		no:     "no",
		asOf:   "as of %s",
		noRows: "(none)",
	}
}
