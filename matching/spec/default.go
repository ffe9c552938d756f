package spec

import "github.com/contoso/c360/transform"

// Default returns the one default model, used for every source and every
// labelled dataset. An attribute that a source does not map is simply
// missing on every record and contributes nothing. Each call returns a new
// model that the caller may change.
func Default() *Model {
	return &Model{
		Comparisons: []Comparison{
			givenName(), surname(), birthDate(), email(), phone(),
			address(), nationalID(), gender(), text(), household(),
		},
		// Rules go from the most to the least specific. The last ones make
		// large blocks at a million customers; the comparison budget
		// (MaxPairsPerRecord) trims their largest blocks first there.
		Blocking: []BlockingRule{
			{Name: "email", Keys: []string{"email"}},
			{Name: "phone", Keys: []string{"phone"}},
			{Name: "national_id", Keys: []string{"national_id"}},
			{Name: "birth_date+given_initial", Keys: []string{"birth_date", "given_name.initial"}},
			{Name: "birth_date+surname_initial", Keys: []string{"birth_date", "surname.initial"}},
			{Name: "birth_date+postcode", Keys: []string{"birth_date", "postcode"}},
			{Name: "email_user", Keys: []string{"email.user"}},
			{Name: "names_phonetic+birth_year", Keys: []string{"name.metaphone", "birth_date.year"}},
			{Name: "surname_phonetic+birth_year+given_initial", Keys: []string{"surname.metaphone", "birth_date.year", "given_name.initial"}},
			{Name: "postcode+surname_prefix", Keys: []string{"postcode", "surname.prefix3"}},
			{Name: "postcode+given_nickname", Keys: []string{"postcode", "given_name.nickname"}},
			{Name: "street+city", Keys: []string{"street", "city"}},
			{Name: "house_number+street_word", Keys: []string{"street.words2"}},
			{Name: "names_phonetic", Keys: []string{"name.metaphone"}},
			{Name: "surname_phonetic+birth_year", Keys: []string{"surname.metaphone", "birth_date.year"}},
			{Name: "given_nickname+birth_year", Keys: []string{"given_name.nickname", "birth_date.year"}},
		},
		Threshold:    0.5,
		ReviewFloor:  0.01,
		MaxBlockSize: 300,
		// At 1.4 million generated records 15 pairs a record keep every
		// labelled score and the generated ones (10 cost 0.0008 of
		// precision there, 20 gain nothing and cost a third more time).
		MaxPairsPerRecord: 15,
		MaxClusterSize:    50,
		AverageLinkage:    true,
		// 2^-20: a million to one that the two records are two people. At
		// -10 the guard split true clusters of noisy files (historical_50k
		// F1 0.868 against 0.873), whose records of one person can disagree
		// on a name, a birth year and an address at once.
		MinPairWeight: -20,
		Placeholders: Placeholders{
			// Not birth dates: a date shared by hundreds may be a coarse one
			// (a year-only date written as 1 January), which still says
			// something.
			Attrs: []transform.Attr{transform.Email, transform.Phone, transform.NationalID},
			// A household of five with two records each holds ten.
			MinRecords: 20,
			MeanFactor: 20,
		},
		Training: Training{
			Sessions: []BlockingRule{
				{Name: "full name", Keys: []string{"given_name", "surname"}},
				{Name: "birth date", Keys: []string{"birth_date"}},
				{Name: "e-mail", Keys: []string{"email"}},
				{Name: "phone", Keys: []string{"phone"}},
				{Name: "national id", Keys: []string{"national_id"}},
			},
			RandomPairs: 300_000,
			MaxPairs:    2_000_000,
			// At a million persons two million pairs a session cost about
			// three seconds more than half a million; half a million kept
			// the common levels but let the address comparison's rare ones
			// (learnt only from the few duplicated records with two street
			// addresses) move by 2 bits.
			SessionPairs:  2_000_000,
			MaxIterations: 200,
			Tolerance:     1e-5,
			Seed:          20261127,
		},
	}
}

func missing(what string) Level { return Level{Kind: Missing, Label: what + " missing"} }
func exact(what string, tf bool) Level {
	return Level{Kind: Exact, Label: what + " equal", TF: tf}
}
func jw(t float64, label string) Level {
	return Level{Kind: JaroWinkler, Threshold: t, Label: label}
}
func otherwise(what string) Level { return Level{Kind: Else, Label: what + " different"} }

func givenName() Comparison {
	return Comparison{Name: "given_name", Attr: transform.GivenName, Shared: true, Levels: []Level{
		missing("given name"),
		exact("given names", true),
		{Kind: Swapped, Label: "given name and surname swapped"},
		{Kind: Crossed, Label: "a name is in the other name field"},
		{Kind: Nickname, Label: "given names are nicknames of one name"},
		jw(0.92, "given names nearly equal (Jaro-Winkler >= 0.92)"),
		{Kind: Initial, Label: "given name initial agrees"},
		jw(0.80, "given names similar (Jaro-Winkler >= 0.80)"),
		otherwise("given names"),
	}}
}

func surname() Comparison {
	return Comparison{Name: "surname", Attr: transform.Surname, Shared: true, Levels: []Level{
		missing("surname"),
		exact("surnames", true),
		{Kind: Swapped, Label: "given name and surname swapped"},
		{Kind: Crossed, Label: "a name is in the other name field"},
		jw(0.92, "surnames nearly equal (Jaro-Winkler >= 0.92)"),
		jw(0.80, "surnames similar (Jaro-Winkler >= 0.80)"),
		otherwise("surnames"),
	}}
}

func birthDate() Comparison {
	return Comparison{Name: "birth_date", Attr: transform.BirthDate, Levels: []Level{
		missing("birth date"),
		// About one pair of people of one household in fifty are twins
		// (three births in a hundred are twins, and a household holds
		// spouses, parents and children as well as siblings).
		{Kind: Exact, Label: "birth dates equal", TF: true, HouseholdShare: 0.02},
		{Kind: DayMonthSwap, Label: "birth day and month swapped"},
		{Kind: Transposed, Label: "birth dates differ by one typed digit"},
		{Kind: DateWithinDays, Threshold: 31, Label: "birth dates within a month"},
		{Kind: SameYear, Label: "birth years equal (a year-only date, or day and month wrong)"},
		{Kind: DateWithinDays, Threshold: 366, Label: "birth dates within a year"},
		{Kind: WithinYears, Threshold: 10, Label: "birth years within ten years"},
		{Kind: YearsApart, Threshold: 15, Label: "birth years 15 or more apart (another generation: a parent and child?)"},
		otherwise("birth dates"),
	}}
}

func email() Comparison {
	return Comparison{Name: "email", Attr: transform.Email, Shared: true, Levels: []Level{
		missing("e-mail"),
		exact("e-mails", true),
		{Kind: EmailDigits, AsElse: true, Label: "e-mail user names differ only in digits (two mailboxes of one name)"},
		{Kind: EmailTypo, Threshold: 0.88, Label: "e-mails differ by a typo in the user name or the domain"},
		otherwise("e-mails"),
	}}
}

func phone() Comparison {
	return Comparison{Name: "phone", Attr: transform.Phone, Shared: true, Levels: []Level{
		missing("phone"),
		exact("phones", true),
		{Kind: Transposed, Label: "phones differ by one typed digit"},
		{Kind: Levenshtein, Threshold: 2, Label: "phones within two edits"},
		otherwise("phones"),
	}}
}

// address walks from the most to the least precise part of an address,
// so that one address gives one piece of evidence: records at one street
// address agree on its postcode, city and state as well.
func address() Comparison {
	on := func(a transform.Attr, l Level) Level { l.Attr = a; return l }
	street, postcode, city, state := transform.Street, transform.Postcode, transform.City, transform.State
	return Comparison{Name: "address", Attr: street, Shared: true, Levels: []Level{
		missing("address"),
		on(street, exact("streets", false)),
		on(street, jw(0.90, "streets nearly equal (Jaro-Winkler >= 0.90)")),
		on(street, Level{Kind: TokenOverlap, Threshold: 0.5, Label: "streets share most words"}),
		on(postcode, exact("postcodes", true)),
		on(postcode, Level{Kind: Transposed, Label: "postcodes differ by one typed character"}),
		on(postcode, Level{Kind: FirstToken, Label: "postcode districts equal"}),
		on(city, exact("cities", true)),
		on(city, jw(0.90, "cities nearly equal (Jaro-Winkler >= 0.90)")),
		on(state, exact("states", false)),
		otherwise("addresses"),
	}}
}

func nationalID() Comparison {
	return Comparison{Name: "national_id", Attr: transform.NationalID, Levels: []Level{
		missing("national id"),
		exact("national ids", false),
		{Kind: Transposed, Label: "national ids differ by one typed digit"},
		{Kind: Levenshtein, Threshold: 2, Label: "national ids within two edits"},
		otherwise("national ids"),
	}}
}

func gender() Comparison {
	return Comparison{Name: "gender", Attr: transform.Gender, Levels: []Level{
		missing("gender"), exact("genders", false), otherwise("genders"),
	}}
}

func text() Comparison {
	return Comparison{Name: "text", Attr: transform.Text, Levels: []Level{
		missing("text"), exact("texts", true), otherwise("texts"),
	}}
}

// household weighs the surname, e-mail, phone and address (the comparisons
// marked Shared) as evidence of one household as well as of one person:
// two people who live together agree on them as two records of one person
// do, and only the given name, birth date and the like tell them apart.
func household() Comparison {
	return Comparison{Name: "household", Levels: []Level{
		{Kind: Household, Label: "the shared surname, address, phone or e-mail fit two people of one household as well"},
		{Kind: Else, Label: "nothing suggests two people of one household"},
	}}
}
