// Package gen writes deterministic synthetic Contoso data with a known
// truth: the four customer files in the layouts of the real CI-ILT samples
// (Contact.txt, Customer-Loyalty.txt, POSPurchases.txt, OnlinePurchases.txt),
// named after their sources (contacts.csv, loyalty.csv, pos.csv, online.csv),
// truth.csv naming the person behind every row, and optionally a small CRM
// export (accounts, deals, tech checks, leads, activities) in DIR/crm.
//
// Output depends only on Options.Persons, Options.Seed, Options.AsOf and
// Options.Population (and the rates): the same inputs give byte-identical
// files whatever the number of workers, because every random decision
// about person n is drawn from a generator seeded by (seed, purpose, n). Persons are produced in chunks of
// 1,024 in parallel and written in chunk order, so memory stays flat at any
// size.
//
// # Persons
//
// Persons are numbered 1..Persons; truth.csv uses that number. A person has
// a sex, a given name, a surname, a date of birth (18 to 85 years before
// AsOf), an e-mail address, a US phone number with a real area code
// (sometimes with an extension) and an address in one of about 90 cities (a
// Canadian one now and then).
//
// # Names
//
// Names follow heavy-tailed real-world frequencies (names.go), so that
// namesakes multiply with size as in real files: the number of pairs of
// persons sharing a full name grows about quadratically with Persons
// (measured with seed 7 and the default rates: 397 pairs at 20,000 persons,
// 26,596 at 200,000, 635,223 at 1,000,000; from the name frequencies
// alone, without the designed namesakes below, 255 and 24,783).
// Options.Population chooses the names:
//   - PopulationDefault: surnames with the shares of the 2010 US Census
//     (Smith 0.83%, Johnson 0.66%, Williams 0.55%, ..., typed for the top 50,
//     then a power law to about 0.017% at rank 700), about a third of people
//     in those 700 names and the rest in a long tail of syllable surnames
//     ("Kelberg") whose ranks follow a power law of exponent 1.1 over 2.6
//     million names. Given names: typed shares of the commonest US names
//     (James 3.3% of men, Mary 2.6% of women); the top 100 cover about half
//     of each sex, a syllable tail ("Kyden", "Maleigh") about 40%. Of the
//     persons with a Hispanic surname 12% carry a second one ("Garcia
//     Lopez"); 0.6% of persons have a hyphenated surname ("Smith-Jones");
//     25% of the persons whose name has an accented spelling use it
//     ("García", "José"), and 30% of the records of an accented name are
//     written without the accents.
//   - PopulationLowDiversity: a Vietnamese-American customer base, 40
//     surnames with real shares (Nguyen 38%, Tran 11%, Le 9.5%, Pham 7%)
//     and no tail; 70% of given names from 30 Vietnamese names per sex
//     (steep: the top three cover 28%), 30% from the US given names. It
//     holds 612,888 namesake pairs at 20,000 persons and 60.9 million at
//     200,000 (seed 7).
//
// # Relations
//
// Persons 8m+1..8m+8 form a block. With LargeHouseholdRate the block
// starts with a household of 3 to 5 people: a head (42 to 78 years old), a
// spouse of the other sex (95%) within six years of age who shares the
// surname (85%), and grown children born 20 to 35 years after the head; all
// share the address, each member gives the household's landline with
// probability 0.5, 30% of these households have a family e-mail address
// that each member gives with probability 0.7 (the head always), and 10%
// of the sons of a father carry his given name (a Jr. inside the
// household). One wrong link inside such a household can chain.
//
// The remaining pairs 2k-1, 2k of a block draw one relation. The default
// rates make 5% of persons one of a household pair, 2% members of a larger
// household, 1% namesake strangers by design (besides those the name
// frequencies make), 2% one of a Jr./Sr. pair (a few percent of US men
// carry a generational suffix; fewer share a home and a customer file with
// the parent) and 0.8% one of twins living together (about 3% of births
// are twins; most adult twins live apart):
//   - HouseholdRate: a household: same surname and street address,
//     different given names, and sometimes (30%) the same phone or (20%)
//     one family e-mail address ("thesmiths58@gmail.com").
//   - SameNameRate: two strangers with the same given name and surname.
//   - JuniorRate: a parent and a child (father and son 90%, else mother
//     and daughter) of one given name and surname at one address, the
//     parent 38 to 85 years old and born 20 to 35 years before the child
//     (who is at least 18); they share the phone in 50% of pairs and one
//     mailbox in 25%. In 20% of pairs the child's name carries a suffix
//     ("Jr.", "Jr" or "II") and the parent's, two times in three, "Sr." or
//     "Sr"; 70% of the records of a suffixed person write it after the
//     surname (LastName "Hicks Jr.").
//   - TwinRate: twins: same surname, birth date, address and phone,
//     different given names, in 15% of twin pairs similar ones ("Ana" and
//     "Anna", "Jon" and "John").
//
// # E-mail addresses
//
// 20% of persons give a work address first_last@company.com on a company
// domain built from surnames ("collinsreedandhoward.com", "smithinc.com"),
// the rest a personal address on a big mail domain (gmail.com 40%,
// yahoo.com 14%, hotmail.com 9%, outlook.com 6%, aol.com and icloud.com
// 5%, comcast.net 4%, ten more). Personal user names are derived from the
// name in one of nine shapes (ronaldhicks92, ronald.hicks, ronaldhicks,
// ronald.hicks1961, rhicks61, rhicks, ronald427, ronald_hicks7,
// hicksronald22), usually with digits: the birth year's last two digits
// (35%) or all four (10%), else one to four random digits. Namesakes so
// get addresses that differ only in digits. Since a mailbox belongs to one
// person, the digits grow until the possible user names outnumber the
// people in the world (330 million times the share of the name, shape and
// domain) who would want one, and a bare user name (no digits) is used only
// where fewer than one person in the world would: two unrelated customers
// share a mailbox only by rare accident (seed 7, 200,000 persons: 6 in the
// default population, 17 in the low-diversity one). Work addresses get a
// number the same way, a company holding one person in 30,000.
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
//   - EmailChangeRate: another personal address (as above, new digits).
//   - MissingRate: one of the e-mail, phone, date of birth or gender (and in
//     contacts street address or postcode) left empty.
//   - PlaceholderEmailRate: the e-mail a clerk types for a customer who
//     gives none, shared by many unrelated records: noemail@gmail.com
//     (25%), none@none.com (20%), na@na.com (15%), noemail@noemail.com
//     (15%), no@email.com (10%), test@test.com, noemail@contoso.com,
//     donotemail@contoso.com (5% each).
//   - PlaceholderPhoneRate: a placeholder phone: 000-000-0000 (30%),
//     555-555-5555 (25%), 123-456-7890 (15%), 999-999-9999 (15%),
//     111-111-1111 (10%), 0000000000 (5%).
//
// A suffix is written, or accents dropped, per record as described under
// Names and Relations.
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
