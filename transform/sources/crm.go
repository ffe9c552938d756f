package sources

// The CRM (Dynamics 365) exports. Headers are Dataverse logical names and
// choice columns hold their labels; the fields they load into are ours, and
// none of them says "opportunity": Contoso calls opportunities Deals.
//
// Ids are checked in load order (see CRM): a deal must name a loaded
// account, a tech check a loaded deal, a lead with an account a loaded
// account, and an activity with a regarding id a loaded lead or deal. A row
// rejected earlier therefore also rejects the rows that point at it.
//
// The labels of the columns the sales process's rules read (a Column with
// Choice set: stages, states, Tech Check results, the corporate customer
// type) are not written here: package pipeline/salesprocess fills Labels
// from the configured process, matched case-insensitively. Until then
// those columns accept nothing.

// Accounts is the CRM accounts export. customertypecode is an open choice:
// an organisation adds its own labels, and any label loads as written;
// the process's corporate label(s) mark an account whose leads follow the
// lead sequence. An empty type is allowed and means "not corporate".
func Accounts() Source {
	return Source{
		Name:  "accounts",
		Table: "crm_account",
		Doc:   "CRM account, as exported and typed",
		Key:   "account_id",
		Columns: []Column{
			{Name: "accountid", Field: "account_id", Required: true},
			{Name: "name", Field: "name", Required: true},
			{Name: "customertypecode", Field: "customer_type", Open: true, Choice: "customer_type"},
			{Name: "ownerid", Field: "owner_id"},
			{Name: "createdon", Field: "created_on", Kind: Timestamp},
		},
	}
}

// Deals is the CRM opportunities export, loaded as deals. Every deal needs
// an account, a stage, a state and an estimated value (the Tech Check rule
// and the pipeline report cannot do without them); closeprobability may be
// empty, and such a deal adds nothing to the weighted value.
func Deals() Source {
	return Source{
		Name:  "deals",
		Table: "deal",
		Doc:   "CRM Deal, as exported and typed; its stage the process's English name",
		Key:   "deal_id",
		Columns: []Column{
			{Name: "opportunityid", Field: "deal_id", Required: true, Doc: "the Deal's id in the CRM (unique)"},
			{Name: "name", Field: "name", Required: true},
			{Name: "parentaccountid", Field: "account_id", Required: true, Ref: "accounts.account_id"},
			{Name: "ownerid", Field: "owner_id"},
			{Name: "estimatedvalue", Field: "estimated_value", Kind: Money, Required: true, Min: Bound(0)},
			{Name: "closeprobability", Field: "close_probability", Kind: Int, Min: Bound(0), Max: Bound(100)},
			{Name: "estimatedclosedate", Field: "estimated_close_date", Kind: Date},
			{Name: "activestage", Field: "stage", Required: true, Choice: "stage"},
			{Name: "activestagestartedon", Field: "stage_started_on", Kind: Timestamp},
			{Name: "statecode", Field: "state", Required: true, Choice: "deal_state"},
			{Name: "createdon", Field: "created_on", Kind: Timestamp},
			{Name: "actualclosedate", Field: "actual_close_date", Kind: Date},
			{Name: "actualvalue", Field: "actual_value", Kind: Money, Min: Bound(0)},
		},
	}
}

// TechChecks is the Tech Check reviews export: one row per review of a
// deal. The review date and result are required, since the latest review
// decides whether a deal passed.
func TechChecks() Source {
	return Source{
		Name:  "tech_checks",
		Table: "tech_check",
		Doc:   "Tech Check review of a Deal, as exported and typed",
		Key:   "tech_check_id",
		Columns: []Column{
			{Name: "techcheckid", Field: "tech_check_id", Required: true},
			{Name: "opportunityid", Field: "deal_id", Required: true, Ref: "deals.deal_id", Doc: "the Deal reviewed (deal.deal_id)"},
			{Name: "reviewedby", Field: "reviewed_by"},
			{Name: "reviewedon", Field: "reviewed_on", Kind: Timestamp, Required: true},
			{Name: "result", Field: "result", Required: true, Choice: "tech_check_result"},
			{Name: "details", Field: "details"},
		},
	}
}

// Leads is the CRM leads export. A lead may lack an account (it then gets
// no sequence); its owner, creation time and state are required, since the
// lead sequence is due from the creation date and reported per owner.
func Leads() Source {
	return Source{
		Name:  "leads",
		Table: "lead",
		Doc:   "CRM lead, as exported and typed",
		Key:   "lead_id",
		Columns: []Column{
			{Name: "leadid", Field: "lead_id", Required: true},
			{Name: "subject", Field: "subject"},
			{Name: "firstname", Field: "first_name"},
			{Name: "lastname", Field: "last_name"},
			{Name: "companyname", Field: "company_name"},
			{Name: "emailaddress1", Field: "email"},
			{Name: "telephone1", Field: "telephone"},
			{Name: "parentaccountid", Field: "account_id", Ref: "accounts.account_id"},
			{Name: "ownerid", Field: "owner_id", Required: true},
			{Name: "createdon", Field: "created_on", Kind: Timestamp, Required: true},
			{Name: "statecode", Field: "state", Required: true, Choice: "lead_state"},
		},
	}
}

// Activities is the CRM activities export (phone calls, e-mails, tasks,
// appointments). regardingobjectid, when set, must be a loaded lead or
// deal. sequencestep, when set, ties the activity to a step of the lead
// sequence (1 to the number of steps; the process sets the bound).
// activitytypecode accepts the logical names and the display labels
// ("Phone Call", "Email"/"E-mail", "Task", "Appointment").
func Activities() Source {
	types := map[string]string{
		"phonecall": "phonecall", "Phone Call": "phonecall",
		"email": "email", "E-mail": "email",
		"task":        "task",
		"appointment": "appointment",
	}
	return Source{
		Name:  "activities",
		Table: "crm_activity",
		Doc:   "CRM activity (phone call, e-mail, task, appointment) on a lead or Deal, as exported and typed",
		Key:   "activity_id",
		Columns: []Column{
			{Name: "activityid", Field: "activity_id", Required: true},
			{Name: "activitytypecode", Field: "activity_type", Required: true, Labels: types},
			{Name: "subject", Field: "subject"},
			{Name: "regardingobjectid", Field: "regarding_id", Ref: "leads.lead_id|deals.deal_id"},
			{Name: "ownerid", Field: "owner_id"},
			{Name: "scheduledend", Field: "scheduled_end", Kind: Timestamp},
			{Name: "actualend", Field: "actual_end", Kind: Timestamp},
			{Name: "statecode", Field: "state", Required: true, Choice: "activity_state"},
			{Name: "sequencestep", Field: "sequence_step", Kind: Int, Min: Bound(1)},
		},
	}
}

// CRM returns the five CRM sources in load order: every source comes after
// the sources its Refs name.
func CRM() []Source {
	return []Source{Accounts(), Deals(), TechChecks(), Leads(), Activities()}
}

// ActivityTypes lists the activity types an activity may have, as stored.
func ActivityTypes() []string { return []string{"phonecall", "email", "task", "appointment"} }
