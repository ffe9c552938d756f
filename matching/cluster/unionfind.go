package cluster

// Forest is a disjoint-set forest (union-find) with union by size and path
// halving. It is not safe for concurrent use: Find compresses paths.
type Forest struct {
	parent, size []int32
}

func newUnionFind(n int) *Forest {
	u := &Forest{parent: make([]int32, n), size: make([]int32, n)}
	for i := range u.parent {
		u.parent[i] = int32(i)
		u.size[i] = 1
	}
	return u
}

// Find returns the representative record of x's set.
func (u *Forest) Find(x int32) int32 { return u.find(x) }

// Size returns the number of records in x's set.
func (u *Forest) Size(x int32) int { return int(u.size[u.find(x)]) }

func (u *Forest) find(x int32) int32 {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

// union joins the sets of a and b and returns the new root.
func (u *Forest) union(a, b int32) int32 {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return ra
	}
	if u.size[ra] < u.size[rb] {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
	u.size[ra] += u.size[rb]
	return ra
}
