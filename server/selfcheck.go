package server

import (
	"crypto/hmac"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"cyberportal/content"
	"cyberportal/data"
	"cyberportal/data/auth"
	"cyberportal/data/vocab"
	"cyberportal/i18n"
)

// The small-business self-check (issue 14):
//
//	GET  /{lang}/self-check         the questions
//	POST /{lang}/self-check         the answers: the questions again with errors, or the action plan
//	POST /{lang}/self-check/share   share the answers anonymously (only with the box ticked), then the plan again
//
// The answers travel in the POST body only: no cookie but the CSRF one,
// nothing in the URL, nothing stored unless the business ticks the box
// under its plan. The questions and measures follow the NCSC's (former
// Digital Trust Center) Basisscan Cyberweerbaarheid and five-minute
// Cyberveilig Check, cybermalveillance.gouv.fr's awareness kit (Etalab 2.0)
// and ANSSI/CPME's "La cybersécurité pour les TPE/PME en 13 questions";
// see README "Self-check" for the pages and the date they were checked.

// selfCheckThemes are the five themes in the order of the page.
var selfCheckThemes = []string{"backups", "updates", "accounts", "people", "prepared"}

// selfCheckQuestion is one question and the measure behind it: the theme it
// belongs to, the advice article and official body that help with it, and
// how much it protects (impact) against how much work it is (effort), both
// 1 (low) to 3 (high), which order the action plan. Body is a directory
// id (content/directory). Words are catalogue
// keys selfcheck.q.<id> (question), .why (why it matters), selfcheck.action.<id>
// (what to do) and selfcheck.ask.<id> (whom to ask after "don't know").
type selfCheckQuestion struct {
	ID, Theme, Article, Body string
	Impact, Effort           int
}

// selfCheckQuestions are data.SelfCheckQuestions with their measures; a
// test checks that both lists agree.
var selfCheckQuestions = []selfCheckQuestion{
	{"backup_weekly", "backups", "backups-and-recovery", "ncsc", 3, 1},
	{"backup_offline", "backups", "backups-and-recovery", "ncsc", 3, 2},
	{"backup_restore", "backups", "backups-and-recovery", "ncsc", 2, 2},
	{"updates_auto", "updates", "ransomware", "ncsc", 3, 1},
	{"devices_supported", "updates", "ransomware", "ncsc", 2, 3},
	{"devices_locked", "updates", "data-breach", "autoriteit-persoonsgegevens", 2, 1},
	{"mfa", "accounts", "account-takeover", "ncsc", 3, 1},
	{"passwords", "accounts", "account-takeover", "ncsc", 2, 2},
	{"leavers", "accounts", "data-breach", "ncsc", 2, 1},
	{"phishing_training", "people", "phishing", "fraudehelpdesk", 2, 2},
	{"payment_check", "people", "invoice-and-ceo-fraud", "fraudehelpdesk", 3, 1},
	{"report_mistakes", "people", "phishing", "ncsc", 2, 1},
	{"contact_list", "prepared", "ransomware", "police", 2, 1},
	{"incident_plan", "prepared", "ransomware", "ncsc", 2, 2},
	{"offline_essentials", "prepared", "backups-and-recovery", "ncsc", 2, 1},
	{"insurance", "prepared", "ransomware", "ncsc", 1, 2},
}

// selfCheckBody is the official body behind a measure, from the directory
// of official bodies (content/directory/<id>.yaml), the one source of
// contact facts; TestSelfCheckBodiesInDirectory checks every id.
func selfCheckBody(p *i18n.Printer, dir *content.Directory, id string) shownChannel {
	b, ok := dir.Body(id)
	if !ok {
		return shownChannel{}
	}
	return shownChannel{Name: b.Name[p.Lang()], URL: b.Web, Host: content.WebText(b.Web), Phone: b.Phone, Tel: content.Tel(b.Phone)}
}

// planTop is how many actions the plan puts first.
const planTop = 5

// selfCheckForm is the self-check as sent: an answer code per question,
// the optional size and sector, and on the plan page the share box and its
// signed token.
type selfCheckForm struct {
	Answers              map[string]string
	Size, Sector         string
	Share                string // "yes" when the box is ticked
	ShareToken, ShareSig string // drawn with the plan, signed, used once
}

// readSelfCheckForm decodes the POST body. Unknown values are kept (cut to
// maxCode) for Validate to reject.
func readSelfCheckForm(v url.Values) selfCheckForm {
	get := func(name string) string {
		s := strings.TrimSpace(strings.ToValidUTF8(v.Get(name), "\uFFFD"))
		if len(s) > maxCode {
			s = strings.ToValidUTF8(s[:maxCode], "")
		}
		return s
	}
	f := selfCheckForm{Answers: map[string]string{}, Size: get("size"), Sector: get("sector"), Share: get("share"),
		ShareToken: get("share_token"), ShareSig: get("share_sig")}
	for _, q := range selfCheckQuestions {
		f.Answers[q.ID] = get("q_" + q.ID)
	}
	return f
}

// Validate checks every answer against its list, in the order of the page.
// Size and sector may be left empty.
func (f *selfCheckForm) Validate() reportErrors {
	var errs reportErrors
	for _, q := range selfCheckQuestions {
		if !slices.Contains(data.SelfCheckAnswers, f.Answers[q.ID]) {
			errs = append(errs, reportError{Field: "q_" + q.ID, ID: "q_" + q.ID, Key: "selfcheck.error.answer"})
		}
	}
	if f.Size != "" && !slices.Contains(vocab.CompanySize.Codes(), f.Size) {
		errs = append(errs, reportError{Field: "size", ID: "size", Key: "selfcheck.error.size"})
	}
	if f.Sector != "" && !slices.Contains(vocab.Sector.Codes(), f.Sector) {
		errs = append(errs, reportError{Field: "sector", ID: "sector", Key: "selfcheck.error.sector"})
	}
	return errs
}

// Hidden are the answers as hidden fields, for the share form under the plan.
func (f selfCheckForm) Hidden() []hiddenField {
	out := make([]hiddenField, 0, len(selfCheckQuestions)+4)
	for _, q := range selfCheckQuestions {
		out = append(out, hiddenField{"q_" + q.ID, f.Answers[q.ID]})
	}
	return append(out, hiddenField{"size", f.Size}, hiddenField{"sector", f.Sector},
		hiddenField{"share_token", f.ShareToken}, hiddenField{"share_sig", f.ShareSig})
}

// selfCheckQuestionView is one question on the page.
type selfCheckQuestionView struct {
	Name, Text, Why, Error, ErrorPrefix string
	Options                             []choiceOption
}

// selfCheckThemeView is one theme's fieldset of questions.
type selfCheckThemeView struct {
	ID, Title string
	Questions []selfCheckQuestionView
}

// selfCheckPage is what the questions template shows.
type selfCheckPage struct {
	Summary     []summaryLink
	Themes      []selfCheckThemeView
	Selects     []selfCheckSelect // size and sector, both optional
	ErrorPrefix string
}

// selfCheckSelect is an optional question answered from a list.
type selfCheckSelect struct {
	Name, Label, Skip, ErrorPrefix string
	Field                          selectField
}

func (s *Server) showSelfCheck(c echo.Context) error {
	return s.renderSelfCheck(c, &selfCheckForm{Answers: map[string]string{}}, nil)
}

// renderSelfCheck shows the questions with every answer kept and, when
// there are errors, the error summary on top and each message by its
// question (200, as the report form does).
func (s *Server) renderSelfCheck(c echo.Context, f *selfCheckForm, errs reportErrors) error {
	p := s.printer(c)
	d := selfCheckPage{ErrorPrefix: p.T("report.error_prefix")}
	for _, e := range errs {
		text := e.text(p)
		if strings.HasPrefix(e.Field, "q_") {
			text = p.T(e.Key, p.T("selfcheck.q."+strings.TrimPrefix(e.Field, "q_")))
		}
		d.Summary = append(d.Summary, summaryLink{ID: e.ID, Text: text})
	}
	for _, theme := range selfCheckThemes {
		tv := selfCheckThemeView{ID: theme, Title: p.T("selfcheck.theme." + theme)}
		for _, q := range selfCheckQuestions {
			if q.Theme != theme {
				continue
			}
			name := "q_" + q.ID
			qv := selfCheckQuestionView{Name: name, Text: p.T("selfcheck.q." + q.ID), Why: p.T("selfcheck.q." + q.ID + ".why"), ErrorPrefix: d.ErrorPrefix}
			if errs.For(name) != nil {
				qv.Error = p.T("selfcheck.error.answer_here")
			}
			for i, a := range data.SelfCheckAnswers {
				id := name
				if i > 0 {
					id = name + "-" + a
				}
				qv.Options = append(qv.Options, choiceOption{ID: id, Value: a, Label: p.T("selfcheck.answer." + a), Checked: f.Answers[q.ID] == a})
			}
			tv.Questions = append(tv.Questions, qv)
		}
		d.Themes = append(d.Themes, tv)
	}
	skip := p.T("selfcheck.about.skip")
	d.Selects = []selfCheckSelect{
		{"size", p.T("report.q.company_size"), skip, d.ErrorPrefix,
			selectOf(p, errs, "size", vocab.CompanySize.LabelPrefix(), vocab.CompanySize.Codes(), f.Size)},
		{"sector", p.T("report.q.sector"), skip, d.ErrorPrefix,
			selectOf(p, errs, "sector", vocab.Sector.LabelPrefix(), vocab.Sector.Codes(), f.Sector)},
	}
	title := formTitle(p, "selfcheck.title", len(errs) > 0)
	return s.render(c, http.StatusOK, "selfcheck", page{
		Printer: p, Path: "/self-check", Title: title, Description: p.T("selfcheck.description"), Nav: "advice",
		CSRF: csrfToken(c), NoIndex: c.Request().Method == http.MethodPost, Data: d,
	})
}

// postBody is the POST body alone: Echo's FormParams would merge the query
// string in, and answers must never come from (or be copied into) a URL.
func postBody(c echo.Context) (url.Values, error) {
	if err := c.Request().ParseForm(); err != nil {
		return nil, echo.NewHTTPError(http.StatusBadRequest).SetInternal(err)
	}
	return c.Request().PostForm, nil
}

// submitSelfCheck answers the questions form: the form again with errors,
// or the action plan.
func (s *Server) submitSelfCheck(c echo.Context) error {
	body, err := postBody(c)
	if err != nil {
		return err
	}
	f := readSelfCheckForm(body)
	if body.Get("change") != "" {
		return s.renderSelfCheck(c, &f, nil)
	}
	if errs := f.Validate(); len(errs) > 0 {
		return s.renderSelfCheck(c, &f, errs)
	}
	f.Share, f.ShareToken, f.ShareSig = "", "", ""
	if err := s.selfCheck.newToken(&f, s.now()); err != nil {
		return err
	}
	return s.renderPlan(c, &f, "")
}

// shareSelfCheck stores the answers when the box is ticked, and shows the
// plan again, saying what happened. Without the tick nothing is stored.
func (s *Server) shareSelfCheck(c echo.Context) error {
	body, err := postBody(c)
	if err != nil {
		return err
	}
	f := readSelfCheckForm(body)
	if errs := f.Validate(); len(errs) > 0 {
		// Only a tampered page gets here: the plan carries answers that passed.
		return s.renderSelfCheck(c, &f, errs)
	}
	now := s.now()
	switch {
	case f.Share != "yes":
		return s.renderPlan(c, &f, "not_ticked")
	case !s.selfCheck.useToken(&f, now):
		// Shared before (a double click, a reload), or a page older than
		// the signing key: store nothing, say it was received.
		return s.renderPlan(c, &f, "shared")
	}
	sh := data.SelfCheckShare{Week: vocab.Week(s.local()), Sector: f.Sector, Size: f.Size, Answers: f.Answers}
	if err := s.store.SaveSelfCheck(c.Request().Context(), sh); err != nil {
		return err
	}
	return s.renderPlan(c, &f, "shared")
}

// planMark is one question in a theme's overview: a symbol that does not
// rely on colour, and the answer in words.
type planMark struct {
	Answer, Symbol, Question, AnswerText string
}

// planTheme is where the business stands on one theme.
type planTheme struct {
	ID, Title, Status, Count string
	Marks                    []planMark
}

// planAction is one action of the plan.
type planAction struct {
	P                          *i18n.Printer // for the words around the action in the template
	ID, Answer, Text, Why, Ask string
	Article                    *content.Article
	ArticleURL                 string // written out in full for print
	Body                       shownChannel
}

// planPage is the action plan.
type planPage struct {
	Form        selfCheckForm
	Themes      []planTheme
	Top, Later  []planAction // after "don't know", an action leads with whom to ask
	Made        string       // the date the plan was made, in words
	Shared      string       // "", "shared" or "not_ticked"
	Size        string       // translated, or ""
	Sector      string
	BaseURL     string
	SelfCheck   string // the self-check's address written out
	ShareWeek   string // the ISO week a share would be stored with
	ShareSector string
	ShareSize   string
}

// answerSymbols show answers without colour: filled, half, empty, question mark.
var answerSymbols = map[string]string{"yes": "✓", "partly": "◐", "no": "✗", "unknown": "?"}

// buildPlan turns valid answers into the plan: each theme's standing, then
// the actions ordered by impact (a "partly" counts for a little less than a
// "no"), then by effort, then by the order of the questions.
func buildPlan(p *i18n.Printer, lib *content.Library, base string, f *selfCheckForm) planPage {
	d := planPage{Form: *f, BaseURL: base}
	for _, theme := range selfCheckThemes {
		t := planTheme{ID: theme, Title: p.T("selfcheck.theme." + theme)}
		yes, total, open := 0, 0, 0
		for _, q := range selfCheckQuestions {
			if q.Theme != theme {
				continue
			}
			a := f.Answers[q.ID]
			total++
			switch a {
			case "yes":
				yes++
			case "no", "unknown":
				open++
			}
			t.Marks = append(t.Marks, planMark{Answer: a, Symbol: answerSymbols[a],
				Question: p.T("selfcheck.short." + q.ID), AnswerText: p.T("selfcheck.answer." + a)})
		}
		switch {
		case yes == total:
			t.Status = p.T("selfcheck.plan.status.good")
		case open*2 >= total:
			t.Status = p.T("selfcheck.plan.status.attention")
		default:
			t.Status = p.T("selfcheck.plan.status.partly")
		}
		t.Count = p.N("selfcheck.plan.count", yes, p.Int(total))
		d.Themes = append(d.Themes, t)
	}
	var actions []planAction
	weight := map[string]int{}
	for _, q := range selfCheckQuestions {
		a := f.Answers[q.ID]
		if a == "yes" {
			continue
		}
		pa := planAction{P: p, ID: q.ID, Answer: a, Text: p.T("selfcheck.action." + q.ID), Why: p.T("selfcheck.q." + q.ID + ".why"),
			Body: selfCheckBody(p, lib.Directory(), q.Body)}
		if a == "unknown" {
			pa.Ask = p.T("selfcheck.ask." + q.ID)
		}
		if art, ok := lib.Get(p.Lang(), q.Article); ok {
			pa.Article, pa.ArticleURL = art, base+"/"+p.Lang()+"/advice/"+art.Slug
		}
		w := q.Impact * 10
		if a == "partly" {
			w -= 5
		}
		weight[q.ID] = w*10 - q.Effort
		actions = append(actions, pa)
	}
	slices.SortStableFunc(actions, func(a, b planAction) int { return weight[b.ID] - weight[a.ID] })
	if len(actions) > planTop {
		d.Top, d.Later = actions[:planTop], actions[planTop:]
	} else {
		d.Top = actions
	}
	if f.Size != "" {
		d.Size = p.T("code.size." + f.Size)
	}
	if f.Sector != "" {
		d.Sector = p.T("code.sector." + f.Sector)
	}
	d.SelfCheck = base + "/" + p.Lang() + "/self-check"
	return d
}

func (s *Server) renderPlan(c echo.Context, f *selfCheckForm, shared string) error {
	p := s.printer(c)
	d := buildPlan(p, s.lib, s.cfg.BaseURL, f)
	now := s.local()
	d.Made, d.Shared = p.Date(now), shared
	d.ShareWeek = vocab.Week(now)
	d.ShareSize, d.ShareSector = p.T("selfcheck.share.not_given"), p.T("selfcheck.share.not_given")
	if d.Size != "" {
		d.ShareSize = d.Size
	}
	if d.Sector != "" {
		d.ShareSector = d.Sector
	}
	return s.render(c, http.StatusOK, "selfcheck_plan", page{
		Printer: p, Path: "/self-check", Title: p.T("selfcheck.plan.title"), Nav: "advice", CSRF: csrfToken(c), NoIndex: true, Data: d,
	})
}

// selfChecking is what the self-check keeps in memory: the tokens of plans
// whose answers were shared, so that sending the share form twice stores
// one share. Tokens are signed with the report flow's rotating key and
// forgotten when it no longer verifies them; nothing of this is written.
type selfChecking struct {
	key  *rotatingKey
	mu   sync.Mutex
	used map[string]time.Time // token -> when it was used
}

func newSelfChecking(key *rotatingKey) *selfChecking {
	return &selfChecking{key: key, used: map[string]time.Time{}}
}

// newToken gives the plan's share form a fresh signed token.
func (sc *selfChecking) newToken(f *selfCheckForm, now time.Time) error {
	code, err := auth.NewReceiptCode() // 80 random bits; never stored
	if err != nil {
		return err
	}
	cur, _, _ := sc.key.keys(now)
	f.ShareToken, f.ShareSig = string(code), sign(cur, "share:"+string(code))
	return nil
}

// useToken reports whether the form's token is ours, recent and not used
// before, and marks it used.
func (sc *selfChecking) useToken(f *selfCheckForm, now time.Time) bool {
	cur, prev, _ := sc.key.keys(now)
	ok := false
	for _, k := range [][]byte{cur, prev} {
		if k != nil && f.ShareToken != "" && hmac.Equal([]byte(sign(k, "share:"+f.ShareToken)), []byte(f.ShareSig)) {
			ok = true
		}
	}
	if !ok {
		return false
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	for t, at := range sc.used {
		if now.Sub(at) > 2*keyLifetime || now.Before(at) {
			delete(sc.used, t)
		}
	}
	if _, seen := sc.used[f.ShareToken]; seen {
		return false
	}
	sc.used[f.ShareToken] = now
	return true
}
