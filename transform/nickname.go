package transform

// Nickname returns the canonical form of a given name: the formal name for a
// common US nickname or short form ("bill" -> "william", "liz" ->
// "elizabeth", "bob" -> "robert"), the usual spelling for a few spelling
// variants ("steven" -> "stephen", "kathryn" -> "katherine"), and given
// itself otherwise. given is folded first (see Fold), so "Bill" and "bill"
// give the same answer; the result is always folded.
//
// Each nickname has exactly one canonical form, the most common one, even
// where a nickname serves several names ("al" -> "albert", not "alan" or
// "alfred"; "pat" -> "patrick", not "patricia"). A multi-word given name is
// looked up as a whole. The table is c360's own.
func Nickname(given string) string {
	n := Fold(given)
	if c := canonicalGiven(n); c != "" {
		return c
	}
	return n
}

// canonicalGiven returns the formal name for the folded nickname n, or ""
// when n is not in the table. Entries are grouped by formal name.
func canonicalGiven(n string) string {
	switch n {
	// Men's names.
	case "abe", "abram":
		return "abraham"
	case "al", "bert", "bertie":
		return "albert"
	case "alf", "alfie":
		return "alfred"
	case "allan", "allen":
		return "alan"
	case "alex", "alec", "xander", "alexandre":
		return "alexander"
	case "andy", "drew":
		return "andrew"
	case "tony":
		return "anthony"
	case "archie":
		return "archibald"
	case "art", "artie":
		return "arthur"
	case "gus":
		return "augustus"
	case "bart":
		return "bartholomew"
	case "ben", "benny", "benji", "benj":
		return "benjamin"
	case "bernie", "barney":
		return "bernard"
	case "brad":
		return "bradley"
	case "cal":
		return "calvin"
	case "cam":
		return "cameron"
	case "charlie", "chuck", "chas", "chaz":
		return "charles"
	case "chris", "topher", "kristopher", "cristopher":
		return "christopher"
	case "cliff":
		return "clifford"
	case "curt":
		return "curtis"
	case "cy":
		return "cyrus"
	case "dan", "danny", "danl":
		return "daniel"
	case "dave", "davey", "davy":
		return "david"
	case "denny":
		return "dennis"
	case "dom":
		return "dominic"
	case "don", "donnie", "donny":
		return "donald"
	case "doug":
		return "douglas"
	case "ed", "eddie", "eddy", "ned", "ted", "edw":
		return "edward"
	case "gene":
		return "eugene"
	case "zeke":
		return "ezekiel"
	case "frank", "frankie":
		return "francis"
	case "fred", "freddie", "freddy", "fritz":
		return "frederick"
	case "gabe":
		return "gabriel"
	case "geo":
		return "george"
	case "jerry", "gerry":
		return "gerald"
	case "gil":
		return "gilbert"
	case "greg":
		return "gregory"
	case "hank", "harry", "hal":
		return "henry"
	case "herb":
		return "herbert"
	case "iggy":
		return "ignatius"
	case "jake":
		return "jacob"
	case "jim", "jimmy", "jimmie", "jamie", "jas":
		return "james"
	case "jeff", "jeffery":
		return "jeffrey"
	case "geoff":
		return "geoffrey"
	case "johnny", "jack", "jno":
		return "john"
	case "jon", "jonny":
		return "jonathan"
	case "joe", "joey":
		return "joseph"
	case "josh":
		return "joshua"
	case "ken", "kenny":
		return "kenneth"
	case "kev":
		return "kevin"
	case "larry", "laurence":
		return "lawrence"
	case "len", "lenny":
		return "leonard"
	case "lou", "louie":
		return "louis"
	case "marv":
		return "marvin"
	case "marty":
		return "martin"
	case "matt", "matty", "mathew":
		return "matthew"
	case "mel":
		return "melvin"
	case "mike", "mikey", "mick", "mickey", "micheal":
		return "michael"
	case "mitch":
		return "mitchell"
	case "monty":
		return "montgomery"
	case "mort":
		return "mortimer"
	case "nate":
		return "nathan"
	case "nat":
		return "nathaniel"
	case "nick", "nicky", "nicolas":
		return "nicholas"
	case "norm":
		return "norman"
	case "ollie":
		return "oliver"
	case "pat", "paddy":
		return "patrick"
	case "pete":
		return "peter"
	case "phil", "phillip":
		return "philip"
	case "randy":
		return "randall"
	case "ray":
		return "raymond"
	case "reg", "reggie":
		return "reginald"
	case "rich", "rick", "ricky", "richie", "dick":
		return "richard"
	case "bob", "bobby", "rob", "robbie", "robby", "robt":
		return "robert"
	case "rod":
		return "rodney"
	case "ron", "ronnie", "ronny":
		return "ronald"
	case "russ", "rusty":
		return "russell"
	case "sal":
		return "salvatore"
	case "sam", "sammy", "saml":
		return "samuel"
	case "shawn", "shaun":
		return "sean"
	case "seb":
		return "sebastian"
	case "sid":
		return "sidney"
	case "sol":
		return "solomon"
	case "stan":
		return "stanley"
	case "steve", "stevie", "steven":
		return "stephen"
	case "terry", "terence":
		return "terrence"
	case "thad":
		return "thaddeus"
	case "teddy", "theo":
		return "theodore"
	case "tom", "tommy", "thom", "thos":
		return "thomas"
	case "tim", "timmy":
		return "timothy"
	case "toby":
		return "tobias"
	case "vern":
		return "vernon"
	case "vic":
		return "victor"
	case "vince", "vinny", "vinnie":
		return "vincent"
	case "walt", "wally":
		return "walter"
	case "wes":
		return "wesley"
	case "wilf":
		return "wilfred"
	case "bill", "billy", "will", "willy", "willie", "wm":
		return "william"
	case "zach", "zack", "zak":
		return "zachary"

	// Women's names.
	case "abby", "abbie", "gail":
		return "abigail"
	case "angie":
		return "angela"
	case "ann", "annie", "nan":
		return "anne"
	case "barb", "babs", "barbie":
		return "barbara"
	case "bea", "trixie":
		return "beatrice"
	case "carrie", "carolyn":
		return "caroline"
	case "lottie":
		return "charlotte"
	case "connie":
		return "constance"
	case "cindy":
		return "cynthia"
	case "dani":
		return "danielle"
	case "deb", "debbie", "debby", "debra":
		return "deborah"
	case "dot", "dottie", "dolly":
		return "dorothy"
	case "edie":
		return "edith"
	case "ellie", "elly", "nell", "nellie", "elinor":
		return "eleanor"
	case "liz", "lizzie", "lizzy", "beth", "betty", "betsy", "bess", "bessie",
		"eliza", "libby", "elisabeth":
		return "elizabeth"
	case "evie":
		return "evelyn"
	case "flo", "flossie":
		return "florence"
	case "fran", "francie":
		return "frances"
	case "gabby":
		return "gabrielle"
	case "gertie", "trudy":
		return "gertrude"
	case "gwen":
		return "gwendolyn"
	case "hattie":
		return "harriet"
	case "hetty":
		return "henrietta"
	case "jackie", "jacky":
		return "jacqueline"
	case "jen", "jenn", "jenny", "jennie":
		return "jennifer"
	case "jess", "jessie":
		return "jessica"
	case "jill":
		return "jillian"
	case "jo", "josie":
		return "josephine"
	case "judy", "jude":
		return "judith"
	case "kate", "katie", "kathy", "cathy", "kat", "kitty", "catherine",
		"kathryn", "katharine", "kathrine":
		return "katherine"
	case "kim", "kimmy":
		return "kimberly"
	case "maddie", "maddy", "madeleine":
		return "madeline"
	case "maggie", "meg", "peggy", "peg", "marge", "margie", "madge", "greta":
		return "margaret"
	case "mattie":
		return "martha"
	case "molly", "polly", "mamie":
		return "mary"
	case "tilly", "tillie", "tilda":
		return "matilda"
	case "missy", "lissa":
		return "melissa"
	case "millie":
		return "mildred"
	case "nikki":
		return "nicole"
	case "liv", "livvy":
		return "olivia"
	case "pam":
		return "pamela"
	case "patty", "patti", "trish", "tricia", "trisha":
		return "patricia"
	case "penny":
		return "penelope"
	case "cilla", "prissy":
		return "priscilla"
	case "becky", "becca", "reba":
		return "rebecca"
	case "bobbie":
		return "roberta"
	case "ruthie":
		return "ruth"
	case "sammie", "sammi":
		return "samantha"
	case "sandy", "sandi":
		return "sandra"
	case "sally", "sadie", "sara":
		return "sarah"
	case "sophie":
		return "sophia"
	case "steph", "stephie":
		return "stephanie"
	case "sue", "susie", "suzy", "suzie":
		return "susan"
	case "tabby":
		return "tabitha"
	case "terri", "tess", "tessa", "tessie", "theresa":
		return "teresa"
	case "tina":
		return "christina"
	case "val":
		return "valerie"
	case "vicky", "vicki", "vickie", "tori":
		return "victoria"
	case "ginny", "jinny":
		return "virginia"
	case "winnie":
		return "winifred"
	}
	return ""
}
