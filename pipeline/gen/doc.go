// Package gen writes deterministic synthetic Contoso data with a known
// truth: the four customer files in the layouts of the real CI-ILT samples
// (Contact.txt, Customer-Loyalty.txt, POSPurchases.txt, OnlinePurchases.txt),
// named after their sources (contacts.csv, loyalty.csv, pos.csv, online.csv),
// truth.csv naming the person behind every row, and optionally a small CRM
// export (accounts, deals, tech checks, leads, activities) in DIR/crm.
//
// Output depends only on Options.Persons, Options.Seed and Options.AsOf (and
// the rates): the same inputs give byte-identical files whatever the number
// of workers, because every random decision about person n is drawn from a
// generator seeded by (seed, purpose, n). Persons are produced in chunks of
// 1,024 in parallel and written in chunk order, so memory stays flat at any
// size.
//
// # Persons
//
// Persons are numbered 1..Persons; truth.csv uses that number. A person has
// a sex, a given name (Zipf-like over a typed pool of about 200 names per
// sex), a surname (half from a typed pool of about 700 common surnames, half
// built from syllables so that ten million persons still have many distinct
// names), a date of birth (18 to 85 years before AsOf), an e-mail
// first_last@company.com on a company domain built from surnames, a US phone
// number with a real area code (sometimes with an extension) and an address
// in one of about 90 cities (a Canadian one now and then).
//
// Persons 2k-1 and 2k form a pair. With HouseholdRate the pair is a
// household: same surname and street address, different given names, and
// sometimes (30%) the same phone or (20%) one family e-mail address — hard
// negatives for matching. With SameNameRate the pair are two different people
// with the same given name and surname.
//
// # Records and noise
//
// Each person gets a contact record with probability ContactRate and a
// loyalty record with probability LoyaltyRate, at least one of them (a
// person drawn with neither gets one, chosen in proportion to the two
// rates). With DuplicateRate a person gets a second record in one of its
// sources, with variations: an e-mail on another domain, a nickname (Bill
// for William), a typo in FirstName or LastName, a moved address, a new
// phone; at least one of them. The loyalty file's ContactId holds the id of
// the person's contact record when it has one (the answer key, as in the
// real file) and is empty otherwise. About one contact id in 1,000 is a
// Dynamics GUID instead of CNTID_n, as in the real file.
//
// Every record, duplicate or not, then draws its own noise. Each rate is the
// chance per record, so two records of one person differ more often than
// the rate (e.g. 2·0.35·0.65 ≈ 45% of pairs differ in name order):
//   - NameSwapRate: FullName written "Last First".
//   - NameTypoRate: one letter of FullName substituted, dropped, doubled or
//     transposed ("Acthony"); FirstName and LastName stay clean.
//   - PhoneFormatRate: the phone in a different format than the person's
//     usual one: 983-566-0706, (983)566-0706, 983.566.0706, +1-983-566-0706,
//     001-983-566-0706, 9835660706, with "x1234" extensions.
//   - PhoneChangeRate: a different phone number.
//   - DOBTypoRate: day and month swapped, a day off, or a year digit wrong.
//   - GenderFlipRate: the other gender.
//   - EmailChangeRate: another address (first.last or firstlast42 on a
//     personal mail domain).
//   - MissingRate: one of the e-mail, phone, date of birth or gender (and in
//     contacts street address or postcode) left empty.
//
// # Purchases
//
// A person makes Poisson(PurchasesPerPerson) purchases, each assigned to one
// of its profile records at random: a loyalty record's purchases are POS rows
// (LoyaltyId, prices 10–500, reward points), a contact record's are online
// rows (ContactId, prices 100–3000). Prices are whole dollars fixed per
// product. Each purchase falls between its record's CreatedOn and AsOf.
// With OrphanRate a purchase carries a key that matches no record (a GUID in
// the online file, an unused LOYID_n in the POS file); truth.csv lists such
// rows with an empty person.
//
// # Formats
//
// Column names and order, id styles (CNTID_n, LOYID_n, PID_n, OPID_n,
// ProdID_n, numbered from 1000 in file order), date formats (contacts and
// online M/D/YYYY, loyalty and POS YYYY-MM-DD) and the value vocabularies
// follow the real files; like the real loyalty file, Customer-Loyalty.txt
// has no final newline. Rows are shuffled within each chunk so that a
// person's records are not adjacent. Files are written under temporary names
// and renamed when complete.
//
// # CRM
//
// With Options.CRM the generator also writes DIR/crm/{accounts,deals,
// tech_checks,leads,activities}.csv with Dataverse logical column names,
// choice columns as labels, GUID ids, ISO 8601 UTC timestamps and dot
// decimals. Sizes scale with Persons (accounts ≈ Persons/50, between 20 and
// 2,000; 1.5 deals and one lead per account). The sample is built to exercise the reports: deal stages with some
// Spanish labels, the Tech Check rule for deals over 20,000.00 (passes,
// conditional passes, fail-then-pass, wins without a check, checks on small
// deals, values of exactly 20000.00) and the four-step lead sequence for
// corporate accounts (on time, late, canceled, open, missing steps, steps
// without sequencestep, and non-corporate leads with sequence activities).
//
// The rules the sample follows: a deal whose estimatedvalue exceeds 20000.00
// needs a Passed (or Passed with conditions) tech check before it is won;
// deals move Qualify → Develop → Quote → Tech Check → Close (Calificar,
// Desarrollar, Presupuesto, Comprobación técnica, Cierre). A corporate
// account's lead gets step 1, an intro phonecall due on the lead's createdon
// date; step 2, an information email due 1 day after step 1 completes; step
// 3, a check-in email due 3 days after step 2 completes; step 4, an
// appointment phonecall due 2 days after step 3 completes; steps are due at
// 17:00 UTC. The CRM "now" is AsOf at 00:00 UTC: anything later is still
// open, and an open activity due before it is overdue.
package gen
