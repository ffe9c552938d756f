package gen

// The value pools below were typed for this package. Names are listed
// roughly from most to least common in the United States; the generator
// draws them with Zipf-like weights by position. Pools are constants (split
// when a generator is made) so the package holds no mutable state.

const maleGiven = `James Robert John Michael David William Richard Joseph Thomas Charles
Christopher Daniel Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian
George Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry
Justin Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry
Tyler Aaron Jose Adam Nathan Henry Douglas Zachary Peter Kyle Ethan Walter Noah Jeremy Christian
Keith Roger Terry Gerald Harold Sean Austin Carl Arthur Lawrence Dylan Jesse Jordan Bryan Billy
Joe Bruce Gabriel Logan Albert Willie Alan Juan Wayne Elijah Randy Roy Vincent Ralph Eugene
Russell Bobby Mason Philip Louis Harry Howard Carlos Luis Victor Martin Ernest Phillip Todd
Shawn Craig Alex Francisco Clarence Johnny Miguel Travis Jimmy Leonard Stanley Curtis Luke
Antonio Mario Manuel Jeffery Frederick Marcus Dale Wesley Chad Theodore Derek Alfred Bernard
Isaac Lucas Liam Oliver Owen Caleb Hunter Connor Evan Isaiah Cameron Jayden Angel Adrian Ian
Cole Chase Blake Seth Garrett Trevor Marc Leon Rafael Eduardo Fernando Ricardo Jorge Pedro Andre
Darnell DeShawn Malik Jamal Tyrone Xavier Dominic Julian Gavin Levi Grant Spencer Calvin Lance
Glenn Neil Gordon Clifford Norman Warren Vernon Herbert Lloyd Leroy Floyd Marvin Dean Hector
Ramon Ivan Wei Hiroshi Raj Arjun Mohammed Omar Hassan Dmitri Sergei Lars Pierre Giovanni Marco
Diego Mateo Santiago René Kenji Tariq Emeka`

const femaleGiven = `Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen
Lisa Nancy Betty Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy
Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda
Pamela Emma Nicole Helen Samantha Katherine Christine Debra Rachel Carolyn Janet Catherine Maria
Heather Diane Ruth Julie Olivia Joyce Virginia Victoria Kelly Lauren Christina Joan Evelyn
Judith Megan Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa Ann Sara Madison Frances
Kathryn Janice Jean Abigail Alice Judy Sophia Grace Denise Amber Doris Marilyn Danielle Beverly
Isabella Theresa Diana Natalie Brittany Charlotte Marie Kayla Alexis Lori Tiffany Rose Kathy
Tammy Irene Jane Lillian Peggy Wanda Erin Rita Ellen Courtney Leslie Claire Chloe Ava Mia
Harper Ella Avery Scarlett Aria Lily Nora Riley Layla Hazel Aurora Violet Stella Lucy Savannah
Audrey Brooklyn Bella Claudia Vanessa Monica Veronica Yolanda Rosa Carmen Ana Lucia Elena
Gabriela Daniela Valeria Ximena Mei Yuki Priya Ananya Fatima Aisha Leah Naomi Ruby Ivy Jasmine
Tanya Monique Keisha Latoya Ebony Tamara Sonia Renee Joanne Dawn Connie Sylvia Edna Bonnie
Norma Lois Phyllis Marjorie Anne Paula Lydia Vivian Eleanor Miriam Holly Molly Allison Brooke
Kristen Lindsay Caroline Jenna Erica Kaitlyn Melanie Hailey Sydney Morgan Taylor Mackenzie Zoë
Chloé Inés Ngozi Siobhan`

// surnames starts with the most common US surnames; a few carry accents or
// apostrophes on purpose.
const surnames = `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez
Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson
White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres
Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez
Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook
Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward
Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez
Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell
Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson
Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson
Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald
Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson
Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Muñoz Hunt Hicks Holmes Palmer
Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels
Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins
Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley Knight Elliott Cunningham Duncan
Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins Hoffman Johnston
Matthews Peña Richards Contreras Willis Carpenter Lawrence Sandoval Guerrero George Chapman Rios
Estrada Ortega Watkins Greene Nuñez Wheeler Valdez Harper Burke Larson Santiago Maldonado
Morrison Franklin Carlson Austin Dominguez Carr Lawson Jacobs O'Brien Lynch Singh Vega Bishop
Montgomery Oliver Jensen Harvey Williamson Gilbert Dean Sims Espinoza Howell Li Wong Reid Hanson
Le McCoy Garrett Burton Fuller Wang Weber Welch Rojas Lucas Marquez Fields Park Yang Little
Banks Padilla Day Walsh Bowman Schultz Luna Fowler Mejia Davidson Acosta Brewer May Holland
Juarez Newman Pearson Curtis Cortez Douglas Schneider Joseph Barrett Navarro Figueroa Keller
Avila Wade Molina Stanley Hopkins Campos Barnett Bates Chambers Caldwell Beck Lambert Miranda
Byrd Craig Ayala Lowe Frazier Powers Neal Leonard Gregory Carrillo Sutton Fleming Rhodes Shelton
Schwartz Norris Jennings Watts Duran Walters Cohen McDaniel Moran Parks Steele Vaughn Becker Holt
DeLeon Barker Terry Hale Leon Benson Haynes Horton Miles Lyons Pham Graves Bush Thornton Wolfe
Warner Cabrera McKinney Mann Zimmerman Dawson Lara Fletcher Page McCarthy Love Robles Cervantes
Solis Erickson Reeves Chang Klein Salinas Fuentes Baldwin Daniel Simon Velasquez Hardy Higgins
Aguirre Lin Cummings Chandler Sharp Barber Bowen Ochoa Dennis Robbins Liu Ramsey Francis
Griffith Paul Blair O'Connor Cardenas Pacheco Cross Calderon Quinn Moss Swanson Chan Rivas Khan
Rodgers Serrano Fitzgerald Rosales Stevenson Christensen Manning Gill Curry McLaughlin Harmon
McGee Gross Doyle Garner Newton Burgess Reese Walton Blake Trujillo Adkins Brady Goodman Roman
Webster Goodwin Fischer Huang Potter Delacruz Montoya Todd Wu Hines Mullins Castaneda Malone
Cannon Tate Mack Sherman Hubbard Hodges Zhang Guerra Wolf Valencia Saunders Franco Rowe
Gallagher Farmer Hammond Hampton Townsend Ingram Wise Gallegos Clarke Barton Schroeder Maxwell
Waters Logan Camacho Strickland Norman Person Colon Parsons Frank Harrington Glover Osborne
Buchanan Casey Floyd Patton Ibarra Ball Tyler Suarez Bowers Orozco Salas Cobb Gibbs Andrade
Bauer Conner Moody Escobar McGuire Lloyd Mueller Hartman French Kramer McBride Pope Lindsey
Velazquez Norton McCormick Sparks Flynn Yates Hogan Marsh Macias Villanueva Zamora Pratt Stokes
Owen Ballard Lang Brock Villarreal Charles Drake Barrera Cain Patrick Pineda Burnett Mercado
Santana Shepherd Bautista Ali Shaffer Lamb Trevino McKenzie Hess Olsen Cochran Morton Nash
Wilkins Petersen Briggs Shah Roth Nicholson Holloway Lozano Rangel Flowers Hoover Short Arias
Mora Valenzuela Bryan Meyers Weiss Underwood Bass Greer Summers Houston Carson Morrow Clayton
Whitaker Decker Yoder Collier Zuniga Carey Wilcox Melendez Poole Roberson Larsen Conley
Davenport Copeland Massey Lam Huff Rocha Cameron Jefferson Hood Monroe Anthony Pittman Huynh
Randall Singleton Kirk Combs Mathis Christian Skinner Bradford Richard Galvan Wall Boone Kirby
Wilkinson Bridges Bruce Atkinson Velez Meza Roy Vincent York Hodge Villa Abbott Allison Tapia
Gates Chase Sosa Sweeney Farrell Wyatt Dalton Horn Barron Phelps Yu Dickerson Heath Foley Atkins
Mathews Bonilla Acevedo Benitez Zavala Hensley Glenn Cisneros Harrell Shields Rubio Choi Huffman
Boyer Garrison Arroyo Bond Kane Hancock Callahan Dillon Cline Wiggins Grimes Arellano Melton
O'Neill Savage Ho Beltran Pitts Parrish Ponce Rich Booth Koch Golden Ware Brennan McDowell
Marks Cantu Humphrey Baxter Sawyer Clay Tanner Hutchinson Kaur Berg Wiley Gilmore Russo Villegas
Hobbs Keith Wilkerson Ahmed Beard McClain Montes Mata Rosario Vang Walter Henson O'Donnell`

// Syllables of the synthetic tail of surnames (names.go), so that even ten
// million persons have plenty of distinct rare names: onset + up to two
// middles + ending.
const (
	surnameOnsets = `Bar Kel Mor Han Wes Dal Fen Gar Hol Lin Mar Nor Pen Ros Sel Tor Vel Win Ash
Brad Cal Dun El Fair Gil Hart Kirk Lang Mill Oak Pel Quin Rad Stan Thorn Wal Yar Zel Ber Cor Dor
Ef Gro Hav Jan Kos Lor Mad Nik Os Pet Rem Sav Tal Ul Van Wer Bel Cas Del Fal Gor Hel Ker Lev Mel
Ner Ors Pra Rov Sko Tem Vol Zim Abr Bru Chr Dra Fri Gla Kra Pla Scha Stro`
	surnameMiddles = `a e i o u er en in ol an ar el or ov ish ing am ber wen ra li ne to ko`
	surnameEndings = `ton son ley field wood ford man berg stein ski ez ini etti ard ell ham well
ridge by ner ler sen dahl quist ova enko ich ock ett ins dale more worth stead land win burn mont
ier eau ero ino ano ada ick ecki rup haus`
)

// nicknames maps a given name to the short form people also go by.
const nicknames = `William:Bill Robert:Bob Richard:Rick James:Jim John:Jack Michael:Mike
Elizabeth:Liz Margaret:Peggy Katherine:Kate Thomas:Tom Joseph:Joe Charles:Chuck
Christopher:Chris Daniel:Dan Matthew:Matt Anthony:Tony Steven:Steve Edward:Ed Jennifer:Jen
Patricia:Pat Susan:Sue Deborah:Debbie Barbara:Barb Kenneth:Ken Donald:Don Ronald:Ron
Timothy:Tim Jeffrey:Jeff Gregory:Greg Samuel:Sam Benjamin:Ben Nicholas:Nick Alexander:Alex
Andrew:Andy Rebecca:Becky Jessica:Jess Victoria:Vicky Catherine:Cathy Christine:Chris
Frederick:Fred Lawrence:Larry Gerald:Jerry Raymond:Ray Peter:Pete Douglas:Doug Theodore:Ted
Stephanie:Steph Kimberly:Kim Pamela:Pam Cynthia:Cindy Sandra:Sandy Abigail:Abby
Samantha:Sam Zachary:Zach Jonathan:Jon Joshua:Josh Nathan:Nate Phillip:Phil Ernest:Ernie
Albert:Al Walter:Walt Eugene:Gene Harold:Hal Henry:Hank Leonard:Len Dorothy:Dot
Kathleen:Kathy Jacqueline:Jackie Judith:Judy Virginia:Ginny Frances:Fran Teresa:Terri
Alexis:Lexi Stanley:Stan Vincent:Vince Russell:Russ Bernard:Bernie Isabella:Bella
Gabriel:Gabe Eleanor:Ellie Madison:Maddie Mackenzie:Kenzie`

// Street suffixes in the style of the real files ("129 Miller Plaza").
const streetSuffixes = `Street Avenue Road Lane Drive Court Plaza Prairie Centers Neck Radial
Greens Motorway Port Keys Passage Groves Fords Freeway Overpass Bridge Ramp Rue Hollow Stream
Club Knoll Wall Flats Valleys Corner Loaf Mount Stravenue Way Path Lodge Trail Spring Tunnel
Gateway Heights Pike Common Land Ridge Crossing Meadows Shoals Parkway Circle Terrace`

// cities lists city|state|first three ZIP digits|area code, most populous
// first; the last two are Canadian (postal code prefix, area code).
const cities = `New York|New York|100|212
Los Angeles|California|900|213
Chicago|Illinois|606|312
Houston|Texas|770|713
Phoenix|Arizona|850|602
Philadelphia|Pennsylvania|191|215
San Antonio|Texas|782|210
San Diego|California|921|619
Dallas|Texas|752|214
San Jose|California|951|408
Austin|Texas|787|512
Jacksonville|Florida|322|904
Columbus|Ohio|432|614
Charlotte|North Carolina|282|704
San Francisco|California|941|415
Indianapolis|Indiana|462|317
Seattle|Washington|981|206
Denver|Colorado|802|303
Washington|District of Columbia|200|202
Boston|Massachusetts|021|617
El Paso|Texas|799|915
Nashville|Tennessee|372|615
Detroit|Michigan|482|313
Oklahoma City|Oklahoma|731|405
Portland|Oregon|972|503
Las Vegas|Nevada|891|702
Memphis|Tennessee|381|901
Louisville|Kentucky|402|502
Baltimore|Maryland|212|410
Milwaukee|Wisconsin|532|414
Albuquerque|New Mexico|871|505
Tucson|Arizona|857|520
Fresno|California|937|559
Sacramento|California|958|916
Kansas City|Missouri|641|816
Atlanta|Georgia|303|404
Omaha|Nebraska|681|402
Raleigh|North Carolina|276|919
Miami|Florida|331|305
Long Beach|California|908|562
Minneapolis|Minnesota|554|612
Tampa|Florida|336|813
New Orleans|Louisiana|701|504
Cleveland|Ohio|441|216
Saint Paul|Minnesota|551|651
St. Louis|Missouri|631|314
Cincinnati|Ohio|452|513
Pittsburgh|Pennsylvania|152|412
Orlando|Florida|328|407
Irvine|California|926|949
Salt Lake City|Utah|841|801
Boise|Idaho|837|208
Richmond|Virginia|232|804
Des Moines|Iowa|503|515
Birmingham|Alabama|352|205
Little Rock|Arkansas|722|501
Providence|Rhode Island|029|401
Hartford|Connecticut|061|860
Stamford|Connecticut|069|203
Burlington|Vermont|054|802
Portland|Maine|041|207
Manchester|New Hampshire|031|603
Wilmington|Delaware|198|302
Charleston|South Carolina|294|843
Columbia|South Carolina|292|803
Jackson|Mississippi|392|601
Sioux Falls|South Dakota|571|605
Fargo|North Dakota|581|701
Billings|Montana|591|406
Cheyenne|Wyoming|820|307
Anchorage|Alaska|995|907
Honolulu|Hawaii|968|808
Spokane|Washington|992|509
Tacoma|Washington|984|253
Reno|Nevada|895|775
Knoxville|Tennessee|379|865
Buffalo|New York|142|716
Rochester|New York|146|585
Grand Rapids|Michigan|495|616
Madison|Wisconsin|537|608
Wichita|Kansas|672|316
Tulsa|Oklahoma|741|918
Lexington|Kentucky|405|859
Springfield|Missouri|658|417
Peoria|Illinois|616|309
Amarillo|Texas|791|806
Stockton|California|952|209
Pasadena|California|911|626
Glendale|Arizona|853|623
Aurora|Colorado|800|720
Toronto|Ontario|M5V|416
Vancouver|British Columbia|V6B|604`

// occupations and their share of contacts, as in the real file.
const occupations = `Teacher:52 Software Engineer:44 Student:2.3 Investment Banking:1.5 Doctor:0.4`
