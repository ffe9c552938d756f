package gen

import (
	"math"
	"sort"
	"strings"
)

// namePool draws names with real-world, heavy-tailed frequencies: a typed
// list of real names, each with its share of the population, and, when
// tailShare > 0, a long tail of rarer names built from syllables whose
// ranks follow a power law, so that even rare names repeat in a large file
// as they do in real populations.
type namePool struct {
	names []string
	share []float64 // share of the population of names[i]
	cum   []float64 // cumulative shares of names, ending at 1-tailShare
	// tail is the synthetic tail; tailShare is its share of the population.
	tail      tailNames
	tailShare float64
}

// pickedName is a drawn name with its share of the population, which says
// how many people elsewhere carry it (for e-mail user names).
type pickedName struct {
	name  string
	share float64
}

func (p *namePool) pick(r *rng) pickedName {
	u := r.float()
	if u < p.cum[len(p.cum)-1] || p.tailShare == 0 {
		i := min(sort.SearchFloat64s(p.cum, u), len(p.names)-1)
		return pickedName{p.names[i], p.share[i]}
	}
	k, share := p.tail.pick(r, p.tailShare)
	return pickedName{p.tail.name(k), share}
}

// segment continues the shares of a typed list after its explicit head:
// from rank from on, share(rank) = share(from-1)·((rank)/(from-1))^-exponent.
type segment struct {
	from     int
	exponent float64
}

// newNamePool makes a pool of the names in list (most common first). head
// gives the first names' shares in percent; later ranks follow segments.
// With a tail, the typed names keep their shares and the tail takes the
// rest; without one, the shares are scaled to sum to 1.
func newNamePool(list string, head []float64, segments []segment, tail tailNames) namePool {
	p := namePool{names: strings.Fields(list), tail: tail}
	p.share = make([]float64, len(p.names))
	total := 0.0
	for i := range p.names {
		switch {
		case i < len(head):
			p.share[i] = head[i] / 100
		default:
			s, exp := 0, 0.0
			for _, seg := range segments {
				if i+1 >= seg.from {
					s, exp = seg.from-1, seg.exponent
				}
			}
			p.share[i] = p.share[s-1] * math.Pow(float64(i+1)/float64(s), -exp)
		}
		total += p.share[i]
	}
	if tail.capacity() == 0 || total >= 1 {
		for i := range p.share {
			p.share[i] /= total
		}
		total = 1
	} else {
		p.tailShare = 1 - total
	}
	p.cum = make([]float64, len(p.share))
	c := 0.0
	for i, s := range p.share {
		c += s
		p.cum[i] = c
	}
	p.cum[len(p.cum)-1] = total
	return p
}

// tailNames is a space of synthetic names, onset + zero to two middles (or
// at most one) + ending, numbered 0..capacity()-1 (rank 0 the most common), drawn with a
// power-law density of the given exponent over ranks first..first+capacity.
type tailNames struct {
	onsets, middles, endings []string
	first                    float64 // rank of the first tail name in the whole pool
	exponent                 float64
	oneMiddle                bool // at most one middle, for shorter names
}

func (t tailNames) capacity() int {
	m := len(t.middles)
	if t.oneMiddle {
		return len(t.onsets) * len(t.endings) * (1 + m)
	}
	return len(t.onsets) * len(t.endings) * (1 + m + m*m)
}

// pick draws a tail rank and returns it with the share of that one name.
func (t tailNames) pick(r *rng, tailShare float64) (int, float64) {
	lo, hi := t.first, t.first+float64(t.capacity())
	a := 1 - t.exponent
	ends := math.Pow(hi, a) - math.Pow(lo, a)
	x := math.Pow(math.Pow(lo, a)+r.float()*ends, 1/a)
	k := min(int(x-lo), t.capacity()-1)
	return k, tailShare * a * math.Pow(x, -t.exponent) / ends
}

// name spells tail name k: the ending varies fastest, then the onset, then
// the middles, so that the commonest tail names are short.
func (t tailNames) name(k int) string {
	e, o, m := len(t.endings), len(t.onsets), len(t.middles)
	var b strings.Builder
	end := t.endings[k%e]
	k /= e
	b.WriteString(t.onsets[k%o])
	k /= o
	switch {
	case k == 0:
	case k <= m:
		b.WriteString(t.middles[k-1])
	default:
		k -= m + 1
		b.WriteString(t.middles[k/m])
		b.WriteString(t.middles[k%m])
	}
	b.WriteString(end)
	return b.String()
}

// usSurnames are the shares in percent of the commonest US surnames (Census
// 2010, rounded), in the order of the surnames list; later ranks follow
// usSurnameSegments, so that the typed 700 names cover about a third of the
// people and the syllable tail the rest.
var usSurnameHead = []float64{0.828, 0.655, 0.550, 0.487, 0.483, 0.395, 0.384, 0.374, 0.352, 0.343,
	0.340, 0.287, 0.279, 0.273, 0.272, 0.256, 0.250, 0.240, 0.236, 0.234,
	0.231, 0.225, 0.222, 0.220, 0.207, 0.204, 0.189, 0.187, 0.180, 0.178,
	0.176, 0.164, 0.163, 0.161, 0.159, 0.150, 0.148, 0.146, 0.146, 0.145,
	0.145, 0.142, 0.141, 0.139, 0.135, 0.131, 0.128, 0.127, 0.125, 0.123}

// usSurnameSegments: ranks 51-100 fall from 0.123% to about 0.080%, later
// ranks more steeply (rank 700 ≈ 0.017%, as in the Census list).
var usSurnameSegments = []segment{{51, 0.62}, {101, 0.8}}

// Given names: the shares in percent of the commonest US given names (SSA
// data over living generations, rounded). The top 100 male names cover
// about half of the men, the top 100 female names a little less of the
// women; a syllable tail holds the rest.
var (
	usMaleHead     = []float64{3.3, 3.2, 3.1, 2.6, 2.5, 2.4, 1.7, 1.5, 1.4, 1.4}
	usMaleSegments = []segment{{11, 1.15}, {101, 0.6}}

	usFemaleHead     = []float64{2.6, 1.1, 1.0, 1.0, 0.95, 0.95, 0.8, 0.75, 0.7, 0.7}
	usFemaleSegments = []segment{{11, 0.55}}
)

// Syllables of the synthetic tail of given names: onsets end in a vowel,
// middles and endings start with a consonant, so names read like names
// ("Kason", "Jalinette", "Brarin").
const (
	givenOnsets = `Ja Ka Bra Tre Da Ky Ze Co Ma Ry Lo Ro Ca Ge Hu Ri Ne Si Te Vo Ba De Fi Gi
Jo Le Mi Ni Pa Qui Ra Sa Ta Za Bro Dre Kre Tra Sha Ari`
	givenMiddles       = `la ri ne sha ve ro ka mi da li no ty`
	maleGivenEndings   = `den son ton ric vin lan rell dan quan rin ston mar lon ron vis drick win ven rek nor`
	femaleGivenEndings = `lyn leigh na ra ssa nette lina nella lie ya nna nelle ria lissa lee ney dra ley sha nia`
)

// The low-diversity population: Vietnamese surnames, whose distribution is
// among the steepest anywhere (Nguyen about 38% of people), with shares in
// percent; the list is complete (no tail).
const (
	vnSurnames = `Nguyen Tran Le Pham Phan Huynh Hoang Dang Vu Vo Bui Do Ho Ngo Duong Truong Dinh Lam
Mai Ly Trinh Luong Cao Ha Ta Thai Chau Doan Luu Dao La Tang Quach Vuong Kieu Lu Ton Khuu Hua Nghiem`
	vnMale = `Minh Anh Tuan Hung Dung Thanh Long Nam Duc Huy Quang Hieu Khoa Phuc Bao Vinh Hai Son
Trung Cuong Tam Hoang Thang Kiet Loc Tai Phong Dat Khanh Tri`
	vnFemale = `Linh Lan Huong Mai Trang Thao Ngoc Hoa Thu Hanh Hang Nhung Phuong Anh Yen Hien Oanh
Nga Tuyet Vy Chi Quynh Trinh Diem Loan Ha Thuy Dao Uyen Kim`
)

var vnSurnameShares = []float64{38.4, 11, 9.5, 7.1, 4.5, 4, 2.5, 2.1, 2, 2, 2, 1.4, 1.3, 1.3, 1, 0.9, 0.8, 0.7,
	0.6, 0.5, 0.5, 0.5, 0.4, 0.4, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.2, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05}

// The Hispanic surnames of the US list that may be doubled ("García
// López"), and the accented spellings some people use.
const (
	hispanicSurnames = `Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres
Flores Rivera Gomez Diaz Cruz Reyes Morales Gutierrez Ortiz Ramos Chavez Mendoza Ruiz Alvarez Castillo
Jimenez Moreno Romero Herrera Medina Aguilar Vargas Castro Guzman Fernandez Mendez Muñoz Salazar Soto
Vazquez Delgado Peña Contreras Sandoval Guerrero Rios Estrada Ortega Nuñez Valdez Santiago Maldonado
Dominguez Vega Espinoza Rojas Marquez Padilla Luna Mejia Acosta Juarez Navarro Figueroa Avila Molina
Campos Miranda Ayala Carrillo Duran`
	accentedNames = `Garcia:García Rodriguez:Rodríguez Martinez:Martínez Hernandez:Hernández Lopez:López
Gonzalez:González Perez:Pérez Sanchez:Sánchez Ramirez:Ramírez Gomez:Gómez Diaz:Díaz Gutierrez:Gutiérrez
Jimenez:Jiménez Alvarez:Álvarez Fernandez:Fernández Vazquez:Vázquez Dominguez:Domínguez Mendez:Méndez
Marquez:Márquez Mejia:Mejía Juarez:Juárez Avila:Ávila Duran:Durán Jose:José Maria:María Hector:Héctor
Ivan:Iván Ramon:Ramón Lucia:Lucía Ines:Inés Ruben:Rubén`
)

// Twins are now and then given similar names.
const (
	similarMale   = `Jon:John Eric:Erik Brian:Bryan Aidan:Aiden Jayden:Jaden Steven:Stephen Mark:Marc Alan:Allen`
	similarFemale = `Ana:Anna Sara:Sarah Kristen:Kirsten Mia:Maya Ella:Ellie Carly:Carlie Alison:Allison Jaime:Jamie`
)
