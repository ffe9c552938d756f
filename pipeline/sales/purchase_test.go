package sales

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contoso/c360/pipeline/load"
	"github.com/contoso/c360/transform/sources"
)

// loadText loads CSV text through load.File, as the pipeline loads a file.
func loadText(t *testing.T, conn *sql.Conn, src sources.Source, text string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), src.Name+".csv")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := load.File(context.Background(), conn, load.Input{Source: src, Path: path, Name: src.Name + ".csv"}, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rejects) > 0 {
		t.Fatalf("%s: unexpected reject %v", src.Name, res.Rejects[0])
	}
}

// purchaseFixture loads a small hand-written set of purchases and
// customers: C1 has a loyalty and a contact record, C2 only a loyalty
// record, C3 only a contact record, C4 buys nothing; PID_4, PID_5 and
// OPID_6 name no known record.
func purchaseFixture(t *testing.T, conn *sql.Conn) {
	t.Helper()
	loadText(t, conn, sources.POS(), `LoyaltyId,PurchaseId,ProductId,PurchasedOn,TotalPrice,RewardPointsAdded,ActivityTypeDisplay,Subject
LOYID_1,PID_1,ProdID_1,2026-01-05,10.00,10,POS Purchase,Purchased a product In-Store
LOYID_1,PID_2,ProdID_2,2026-02-10,20.01,20,POS Purchase,Purchased a product In-Store
LOYID_2,PID_3,ProdID_3,2026-03-01,99.99,,POS Purchase,Purchased a product In-Store
LOYID_9,PID_4,ProdID_1,2026-03-02,15.00,15,POS Purchase,Purchased a product In-Store
,PID_5,ProdID_1,2026-03-03,5.00,5,POS Purchase,Purchased a product In-Store
`)
	loadText(t, conn, sources.Online(), `ContactId,PurchaseId,ProductId,PurchasedOn,TotalPrice,ActivityTypeDisplay,Subject
CNTID_1,OPID_1,ProdID_7,1/15/2026,250.00,OnlinePurchase,Purchased a product online
CNTID_1,OPID_2,ProdID_8,3/20/2026,100.00,OnlinePurchase,Purchased a product online
CNTID_1,OPID_3,ProdID_9,4/1/2026,0.01,OnlinePurchase,Purchased a product online
CNTID_3,OPID_4,ProdID_7,5/1/2026,5.00,OnlinePurchase,Purchased a product online
CNTID_3,OPID_5,ProdID_7,5/2/2026,5.01,OnlinePurchase,Purchased a product online
CNTID_X,OPID_6,ProdID_7,5/3/2026,300.00,OnlinePurchase,Purchased a product online
`)
	exec(t, conn,
		`CREATE TABLE customer (customer_id VARCHAR PRIMARY KEY, full_name VARCHAR)`,
		`INSERT INTO customer VALUES ('C1', 'Ann Lee'), ('C2', 'Bo Chan'), ('C3', 'Cy Diaz'), ('C4', 'Di Ruiz')`,
		`CREATE TABLE customer_source (customer_id VARCHAR, source VARCHAR, source_id VARCHAR)`,
		`INSERT INTO customer_source VALUES
			('C1', 'loyalty', 'LOYID_1'), ('C1', 'contacts', 'CNTID_1'),
			('C2', 'loyalty', 'LOYID_2'), ('C3', 'contacts', 'CNTID_3'), ('C4', 'contacts', 'CNTID_4')`,
	)
}

func TestPurchasesAndMeasures(t *testing.T) {
	ctx := context.Background()
	conn := openConn(t)
	purchaseFixture(t, conn)
	n, err := Purchases(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	if want := (PurchaseCount{Store: 5, Online: 6, Unlinked: 3}); n != want {
		t.Errorf("Purchases = %+v, want %+v", n, want)
	}
	if err := Measures(ctx, conn); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, query string
		want        string
	}{
		{"purchase", `SELECT * FROM purchase ORDER BY source DESC, source_line`, `
channel,source,purchase_id,customer_id,loyalty_id,contact_id,product_id,purchased_on,total_price,reward_points,source_line
store,pos,PID_1,C1,LOYID_1,,ProdID_1,2026-01-05,10.00,10,2
store,pos,PID_2,C1,LOYID_1,,ProdID_2,2026-02-10,20.01,20,3
store,pos,PID_3,C2,LOYID_2,,ProdID_3,2026-03-01,99.99,,4
store,pos,PID_4,,LOYID_9,,ProdID_1,2026-03-02,15.00,15,5
store,pos,PID_5,,,,ProdID_1,2026-03-03,5.00,5,6
online,online,OPID_1,C1,,CNTID_1,ProdID_7,2026-01-15,250.00,,2
online,online,OPID_2,C1,,CNTID_1,ProdID_8,2026-03-20,100.00,,3
online,online,OPID_3,C1,,CNTID_1,ProdID_9,2026-04-01,0.01,,4
online,online,OPID_4,C3,,CNTID_3,ProdID_7,2026-05-01,5.00,,5
online,online,OPID_5,C3,,CNTID_3,ProdID_7,2026-05-02,5.01,,6
online,online,OPID_6,,,CNTID_X,ProdID_7,2026-05-03,300.00,,7`},
		// C1: store 10.00 + 20.01, average 15.005 -> 15.01 (half away from
		// zero); online 350.01 / 3 = 116.67. C3: (5.00 + 5.01) / 2 = 5.005 -> 5.01.
		{"customer_measure", `SELECT * FROM customer_measure ORDER BY customer_id`, `
customer_id,lifetime_spend,in_store_spend,online_spend,club_points,avg_store_purchase,avg_web_purchase,store_purchases,online_purchases,first_purchase_on,last_purchase_on
C1,380.02,30.01,350.01,30,15.01,116.67,2,3,2026-01-05,2026-04-01
C2,99.99,99.99,0.00,0,99.99,,1,0,2026-03-01,2026-03-01
C3,10.01,0.00,10.01,0,,5.01,0,2,2026-05-01,2026-05-02
C4,0.00,0.00,0.00,0,,,0,0,,`},
		// Over all purchases, linked or not: store 150.00 / 5, online 660.02 / 6 = 110.0033.
		{"business_measure", `SELECT * FROM business_measure`, `
avg_store_purchase,avg_web_purchase,store_purchases,online_purchases,store_spend,online_spend,unlinked_purchases,customers
30.00,110.00,5,6,150.00,660.02,3,4`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var want [][]string
			for _, line := range strings.Split(strings.TrimSpace(tc.want), "\n") {
				want = append(want, strings.Split(line, ","))
			}
			compareRows(t, tc.name, queryCSV(t, conn, tc.query), want)
		})
	}
}

func TestPurchasesRefusesAmbiguousCustomerSource(t *testing.T) {
	conn := openConn(t)
	purchaseFixture(t, conn)
	exec(t, conn, `INSERT INTO customer_source VALUES ('C4', 'loyalty', 'LOYID_2')`)
	if n, err := Purchases(context.Background(), conn); err == nil {
		t.Errorf("Purchases = %+v with LOYID_2 on two customers, want an error", n)
	}
	var tables int
	if err := conn.QueryRowContext(context.Background(),
		`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'purchase'`).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables != 0 {
		t.Error("a failed Purchases left table purchase behind")
	}
}
