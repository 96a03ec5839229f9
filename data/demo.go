package data

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// DemoReport is a synthetic report, for demonstrations, tests and
// benchmarks. It is stored with demo = 1, so the statistics can say that
// demo data is present, and it can be removed with one DELETE.
type DemoReport struct {
	Victim, Incident, Channel, Loss, Police string
	Year                                    int
	Month                                   time.Month
	Status                                  string // "new" when empty; "spam" and "hidden" do not count
	Lang                                    string // "nl" when empty
}

const demoInsertSQL = `INSERT INTO reports (id, receipt_hash, lang, week, victim, company_size, sector, incident, channel,
	incident_year, incident_month, municipality, loss, recovered, ransom_paid, police, description, status, demo)
	VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, 1) ON CONFLICT DO NOTHING`

// demoBatch is how many reports one transaction writes: big enough that the
// fsync per commit does not matter, small enough to keep the WAL in check.
const demoBatch = 20_000

// AddDemoReports stores reports as demo data, in transactions of demoBatch.
func (s *Store) AddDemoReports(ctx context.Context, reports []DemoReport) error {
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	for start := 0; start < len(reports); start += demoBatch {
		batch := reports[start:min(start+demoBatch, len(reports))]
		if err := s.insertDemo(ctx, rng, batch); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) insertDemo(ctx context.Context, rng *rand.Rand, batch []DemoReport) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, demoInsertSQL)
		if err != nil {
			return err
		}
		defer stmt.Close()
		hash := make([]byte, 32)
		for _, r := range batch {
			// A random hash: no receipt code belongs to it, so nobody can
			// open a demo report as its reporter.
			for i := 0; i < len(hash); i += 8 {
				v := rng.Uint64()
				for j := 0; j < 8; j++ {
					hash[i+j] = byte(v >> (8 * j))
				}
			}
			status, lang := r.Status, r.Lang
			if status == "" {
				status = "new"
			}
			if lang == "" {
				lang = "nl"
			}
			year, week := time.Date(r.Year, r.Month, 1+rng.IntN(28), 12, 0, 0, 0, time.UTC).
				AddDate(0, 0, rng.IntN(21)).ISOWeek()
			size := ""
			if r.Victim == "business" {
				size = pick(rng, []weighted{{"1", 30}, {"2-9", 40}, {"10-49", 18}, {"50-249", 9}, {"250+", 3}})
			}
			recovered := ""
			if r.Loss != "none" {
				recovered = pick(rng, []weighted{{"no", 70}, {"partly", 15}, {"yes", 15}})
			}
			ransom := ""
			if r.Incident == "ransomware" || r.Incident == "sextortion" {
				ransom = pick(rng, []weighted{{"no", 85}, {"yes", 15}})
			}
			municipality := "maastricht"
			if rng.IntN(10) == 0 {
				municipality = "elsewhere"
			}
			if _, err := s.insertWithRandomID(ctx, stmt, nil, hash, lang, fmt.Sprintf("%04d-W%02d", year, week),
				r.Victim, size, r.Incident, r.Channel, r.Year, int(r.Month), municipality,
				r.Loss, recovered, ransom, r.Police, status); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: add demo reports: %w", err)
	}
	return nil
}

// DemoOptions shape SeedDemo's data.
type DemoOptions struct {
	Seed     uint64    // the same seed and Now give the same reports
	Now      time.Time // the last month with reports; zero means today
	Years    int       // calendar years of reports up to Now; 5 when 0
	Progress func(done int)
}

// SeedDemo fills the database with n realistic synthetic reports (demo = 1)
// over several years: more reports each year, more around the holidays and
// fewer in summer, a phishing wave in the autumn two years back, victims,
// channels and losses that fit each kind of incident, and a few reports
// marked as spam or hidden, as moderation would.
func (s *Store) SeedDemo(ctx context.Context, n int, opt DemoOptions) error {
	if n < 0 {
		return fmt.Errorf("store: seed demo: negative number of reports %d", n)
	}
	g := newDemoGen(opt)
	batch := make([]DemoReport, 0, demoBatch)
	for done := 0; done < n; {
		batch = batch[:0]
		for len(batch) < cap(batch) && done+len(batch) < n {
			batch = append(batch, g.next())
		}
		if err := s.insertDemo(ctx, g.rng, batch); err != nil {
			return err
		}
		done += len(batch)
		if opt.Progress != nil {
			opt.Progress(done)
		}
	}
	return nil
}

// weighted is one choice and its relative weight.
type weighted struct {
	code   string
	weight float64
}

func pick(rng *rand.Rand, choices []weighted) string {
	total := 0.0
	for _, c := range choices {
		total += c.weight
	}
	x := rng.Float64() * total
	for _, c := range choices {
		if x < c.weight {
			return c.code
		}
		x -= c.weight
	}
	return choices[len(choices)-1].code
}

// demoGen draws demo reports from the model described at SeedDemo.
type demoGen struct {
	rng        *rand.Rand
	months     []YearMonth
	cumulative []float64 // cumulative month weights
	wave       map[YearMonth]bool
	waveMix    []weighted // demoIncidents during the phishing wave
}

// seasonal is the relative number of reports per calendar month: online
// shopping around the holidays, fewer in the summer.
var seasonal = [12]float64{1.1, 0.95, 0.95, 0.9, 0.9, 0.85, 0.8, 0.85, 1.0, 1.05, 1.2, 1.3}

const phishingWave = 3.0 // phishing reports during the wave, times normal

var demoIncidents = []weighted{
	{"phishing", 22}, {"helpdesk_fraud", 10}, {"friend_in_need", 9}, {"shopping_fraud", 16},
	{"investment_fraud", 5}, {"invoice_fraud", 4}, {"ransomware", 2}, {"malware", 4},
	{"account_takeover", 9}, {"ddos", 1}, {"sextortion", 4}, {"identity_fraud", 5},
	{"data_breach", 2}, {"other", 7},
}

// Who reports what: mostly residents, but businesses and organisations for
// the attacks aimed at them.
var demoVictims = map[string][]weighted{
	"ransomware":    {{"citizen", 15}, {"business", 60}, {"organisation", 25}},
	"invoice_fraud": {{"citizen", 5}, {"business", 75}, {"organisation", 20}},
	"ddos":          {{"citizen", 5}, {"business", 60}, {"organisation", 35}},
	"data_breach":   {{"citizen", 20}, {"business", 50}, {"organisation", 30}},
	"":              {{"citizen", 86}, {"business", 10}, {"organisation", 4}},
}

var demoChannels = map[string][]weighted{
	"phishing":         {{"email", 50}, {"sms", 35}, {"messaging_app", 10}, {"social_media", 5}},
	"helpdesk_fraud":   {{"phone", 80}, {"sms", 10}, {"in_person", 5}, {"other", 5}},
	"friend_in_need":   {{"messaging_app", 85}, {"sms", 10}, {"social_media", 5}},
	"shopping_fraud":   {{"marketplace", 45}, {"website", 35}, {"social_media", 20}},
	"investment_fraud": {{"social_media", 45}, {"website", 30}, {"phone", 20}, {"email", 5}},
	"invoice_fraud":    {{"email", 85}, {"phone", 10}, {"other", 5}},
	"ransomware":       {{"email", 50}, {"website", 20}, {"other", 30}},
	"malware":          {{"email", 35}, {"website", 40}, {"sms", 15}, {"other", 10}},
	"account_takeover": {{"email", 25}, {"sms", 20}, {"messaging_app", 25}, {"social_media", 30}},
	"ddos":             {{"website", 70}, {"other", 30}},
	"sextortion":       {{"email", 55}, {"social_media", 30}, {"messaging_app", 15}},
	"identity_fraud":   {{"website", 30}, {"email", 25}, {"phone", 15}, {"other", 30}},
	"data_breach":      {{"email", 40}, {"website", 40}, {"other", 20}},
	"other":            {{"email", 20}, {"phone", 20}, {"website", 20}, {"other", 40}},
}

var demoLosses = map[string][]weighted{
	"helpdesk_fraud":   {{"none", 25}, {"lt100", 5}, {"100-1000", 20}, {"1000-10000", 35}, {"10000-100000", 14}, {"gt100000", 1}},
	"investment_fraud": {{"none", 15}, {"lt100", 5}, {"100-1000", 20}, {"1000-10000", 35}, {"10000-100000", 22}, {"gt100000", 3}},
	"invoice_fraud":    {{"none", 35}, {"lt100", 2}, {"100-1000", 18}, {"1000-10000", 30}, {"10000-100000", 13}, {"gt100000", 2}},
	"friend_in_need":   {{"none", 40}, {"lt100", 5}, {"100-1000", 35}, {"1000-10000", 19}, {"10000-100000", 1}},
	"shopping_fraud":   {{"none", 15}, {"lt100", 45}, {"100-1000", 35}, {"1000-10000", 5}},
	"ransomware":       {{"none", 30}, {"lt100", 2}, {"100-1000", 13}, {"1000-10000", 30}, {"10000-100000", 20}, {"gt100000", 5}},
	"":                 {{"none", 75}, {"lt100", 10}, {"100-1000", 10}, {"1000-10000", 4}, {"10000-100000", 1}},
}

// Larger losses go to the police more often.
var demoPolice = map[string][]weighted{
	"none":         {{"yes", 10}, {"no", 80}, {"plan", 10}},
	"lt100":        {{"yes", 20}, {"no", 65}, {"plan", 15}},
	"100-1000":     {{"yes", 45}, {"no", 35}, {"plan", 20}},
	"1000-10000":   {{"yes", 65}, {"no", 15}, {"plan", 20}},
	"10000-100000": {{"yes", 80}, {"no", 5}, {"plan", 15}},
	"gt100000":     {{"yes", 90}, {"no", 2}, {"plan", 8}},
}

func forIncident(m map[string][]weighted, incident string) []weighted {
	if w, ok := m[incident]; ok {
		return w
	}
	return m[""]
}

func newDemoGen(opt DemoOptions) *demoGen {
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	years := opt.Years
	if years <= 0 {
		years = 5
	}
	g := &demoGen{rng: rand.New(rand.NewPCG(opt.Seed, 0x5eed)), wave: map[YearMonth]bool{}}
	first := MakeYearMonth(now.Year()-years+1, time.January)
	last := MakeYearMonth(now.Year(), now.Month())
	for m := time.September; m <= time.November; m++ {
		g.wave[MakeYearMonth(now.Year()-2, m)] = true
	}
	g.waveMix = append([]weighted{{"phishing", demoIncidents[0].weight * phishingWave}}, demoIncidents[1:]...)
	phishingShare := demoIncidents[0].weight / 100
	total := 0.0
	for ym := first; ym <= last; ym = ym.Next() {
		// About 15% more reports each year, as the portal becomes known.
		w := seasonal[ym.Month()-1] * math.Pow(1.15, float64(ym.Year()-first.Year()))
		if g.wave[ym] {
			w *= 1 + phishingShare*(phishingWave-1)
		}
		total += w
		g.months = append(g.months, ym)
		g.cumulative = append(g.cumulative, total)
	}
	return g
}

func (g *demoGen) next() DemoReport {
	x := g.rng.Float64() * g.cumulative[len(g.cumulative)-1]
	i := 0
	for lo, hi := 0, len(g.cumulative)-1; lo <= hi; {
		mid := (lo + hi) / 2
		if g.cumulative[mid] > x {
			i, hi = mid, mid-1
		} else {
			lo = mid + 1
		}
	}
	ym := g.months[i]
	incidents := demoIncidents
	if g.wave[ym] {
		incidents = g.waveMix
	}
	r := DemoReport{Year: ym.Year(), Month: ym.Month(), Incident: pick(g.rng, incidents)}
	r.Victim = pick(g.rng, forIncident(demoVictims, r.Incident))
	r.Channel = pick(g.rng, demoChannels[r.Incident])
	r.Loss = pick(g.rng, forIncident(demoLosses, r.Incident))
	r.Police = pick(g.rng, demoPolice[r.Loss])
	r.Lang = pick(g.rng, []weighted{{"nl", 72}, {"en", 18}, {"fr", 10}})
	// What moderation takes out: spam, and reports hidden for other reasons.
	r.Status = pick(g.rng, []weighted{{"new", 60}, {"reviewed", 36}, {"spam", 3}, {"hidden", 1}})
	return r
}
