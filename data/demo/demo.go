// Package demo makes synthetic reports for demonstrations, tests and
// benchmarks: realistic mixes of incidents, victims, channels and losses over
// several years. The store (package data) keeps them marked as demo data.
package demo

import (
	"math"
	"math/rand/v2"
	"time"

	"cyberportal/data/vocab"
)

// Report is a synthetic report: the answers the statistics count by. It is
// stored with demo = 1, so the statistics can say that demo data is present,
// and it can be removed with one DELETE.
type Report struct {
	Victim, Incident, Channel, Loss, Police string
	Year                                    int
	Month                                   time.Month
	Status                                  string // "new" when empty; "spam" and "hidden" do not count
	Lang                                    string // "nl" when empty
}

// Row is a Report with everything else a stored report holds, drawn at
// random where the Report leaves it open.
type Row struct {
	Report
	Hash                                                   []byte // random: no receipt code belongs to it
	Week, CompanySize, Recovered, RansomPaid, Municipality string
}

// Complete draws the rest of a stored report for r: a random hash, so nobody
// can open a demo report as its reporter; a week in or just after its month;
// a company size for businesses; whether money came back; whether a ransom
// was paid; the municipality; and "new" and "nl" where r leaves status and
// language empty.
func Complete(rng *rand.Rand, r Report) Row {
	row := Row{Report: r, Hash: make([]byte, 32)}
	for i := 0; i < len(row.Hash); i += 8 {
		v := rng.Uint64()
		for j := 0; j < 8; j++ {
			row.Hash[i+j] = byte(v >> (8 * j))
		}
	}
	if row.Status == "" {
		row.Status = "new"
	}
	if row.Lang == "" {
		row.Lang = "nl"
	}
	row.Week = vocab.Week(time.Date(r.Year, r.Month, 1+rng.IntN(28), 12, 0, 0, 0, time.UTC).
		AddDate(0, 0, rng.IntN(21)))
	if r.Victim == "business" {
		row.CompanySize = pick(rng, []weighted{{"1", 30}, {"2-9", 40}, {"10-49", 18}, {"50-249", 9}, {"250+", 3}})
	}
	if r.Loss != "none" {
		row.Recovered = pick(rng, []weighted{{"no", 70}, {"partly", 15}, {"yes", 15}})
	}
	if vocab.AsksRansom(r.Incident) {
		row.RansomPaid = pick(rng, []weighted{{"no", 85}, {"yes", 15}})
	}
	row.Municipality = "maastricht"
	if rng.IntN(10) == 0 {
		row.Municipality = "elsewhere"
	}
	return row
}

// Options shape a Generator's reports.
type Options struct {
	Seed  uint64    // the same seed and Now give the same reports
	Now   time.Time // the last month with reports; zero means today
	Years int       // calendar years of reports up to Now; 5 when 0
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

// Generator draws reports over several years: more reports each year, more
// around the holidays and fewer in summer, a phishing wave in the autumn two
// years back, victims, channels and losses that fit each kind of incident,
// and a few reports marked as spam or hidden, as moderation would.
type Generator struct {
	rng        *rand.Rand
	months     []month
	cumulative []float64 // cumulative month weights
	wave       map[month]bool
	incidents  []weighted // demoIncidents
	waveMix    []weighted // incidents during the phishing wave
}

// seasonal is the relative number of reports per calendar month: online
// shopping around the holidays, fewer in the summer.
var seasonal = [12]float64{1.1, 0.95, 0.95, 0.9, 0.9, 0.85, 0.8, 0.85, 1.0, 1.05, 1.2, 1.3}

const phishingWave = 3.0 // phishing reports during the wave, times normal

// demoIncidentWeights are the relative numbers of reports per incident
// (they add up to 100); an incident code not listed gets demoOtherWeight,
// so a new code shows up in the demo data without an edit here.
var demoIncidentWeights = map[string]float64{
	"phishing": 22, "helpdesk_fraud": 10, "friend_in_need": 9, "shopping_fraud": 16,
	"investment_fraud": 5, "invoice_fraud": 4, "ransomware": 2, "malware": 4,
	"account_takeover": 9, "ddos": 1, "sextortion": 4, "identity_fraud": 5,
	"data_breach": 2, "other": 7,
}

const demoOtherWeight = 1

// demoIncidents are every incident code with its weight, in the
// vocabulary's order so that a seed always draws the same reports.
func demoIncidents() []weighted {
	var out []weighted
	for _, code := range vocab.Incident.Codes() {
		w, ok := demoIncidentWeights[code]
		if !ok {
			w = demoOtherWeight
		}
		out = append(out, weighted{code, w})
	}
	return out
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
	"":                 {{"email", 30}, {"phone", 20}, {"website", 20}, {"other", 30}},
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

// month is a calendar month.
type month struct {
	year int
	m    time.Month
}

func (ym month) next() month {
	if ym.m == time.December {
		return month{ym.year + 1, time.January}
	}
	return month{ym.year, ym.m + 1}
}

// New returns a Generator; the same Options give the same reports.
func New(opt Options) *Generator {
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	years := opt.Years
	if years <= 0 {
		years = 5
	}
	g := &Generator{rng: rand.New(rand.NewPCG(opt.Seed, 0x5eed)), wave: map[month]bool{}}
	first := month{now.Year() - years + 1, time.January}
	last := month{now.Year(), now.Month()}
	for m := time.September; m <= time.November; m++ {
		g.wave[month{now.Year() - 2, m}] = true
	}
	g.incidents = demoIncidents()
	var phishing, all float64
	for _, w := range g.incidents {
		all += w.weight
		if w.code == "phishing" {
			phishing = w.weight
			w.weight *= phishingWave
		}
		g.waveMix = append(g.waveMix, w)
	}
	phishingShare := phishing / all
	total := 0.0
	for ym := first; ym != last.next(); ym = ym.next() {
		// About 15% more reports each year, as the portal becomes known.
		w := seasonal[ym.m-1] * math.Pow(1.15, float64(ym.year-first.year))
		if g.wave[ym] {
			w *= 1 + phishingShare*(phishingWave-1)
		}
		total += w
		g.months = append(g.months, ym)
		g.cumulative = append(g.cumulative, total)
	}
	return g
}

// next draws one report.
func (g *Generator) next() Report {
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
	incidents := g.incidents
	if g.wave[ym] {
		incidents = g.waveMix
	}
	r := Report{Year: ym.year, Month: ym.m, Incident: pick(g.rng, incidents)}
	r.Victim = pick(g.rng, forIncident(demoVictims, r.Incident))
	r.Channel = pick(g.rng, forIncident(demoChannels, r.Incident))
	r.Loss = pick(g.rng, forIncident(demoLosses, r.Incident))
	r.Police = pick(g.rng, demoPolice[r.Loss])
	r.Lang = pick(g.rng, []weighted{{"nl", 72}, {"en", 18}, {"fr", 10}})
	// What moderation takes out: spam, and reports hidden for other reasons.
	r.Status = pick(g.rng, []weighted{{"new", 60}, {"reviewed", 36}, {"spam", 3}, {"hidden", 1}})
	return r
}

// Rows draws the next n reports, each completed (see Complete).
func (g *Generator) Rows(n int) []Row {
	reports := make([]Report, n)
	for i := range reports {
		reports[i] = g.next()
	}
	rows := make([]Row, n)
	for i, r := range reports {
		rows[i] = Complete(g.rng, r)
	}
	return rows
}
