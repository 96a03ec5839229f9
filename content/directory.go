package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Countries a directory entry can belong to, in the order the contacts page
// lists them: Maastricht's own country first, then its neighbours.
var Countries = []string{"NL", "BE", "FR", "DE", "EU"}

// Situations are what a reader may be facing; the contacts page groups the
// bodies by them.
var Situations = []string{"money-gone", "account-hacked", "threatened", "business-attacked", "data-leaked"}

// BodyLanguages are the languages a body can say it answers in; the
// contacts page names each in the reader's language.
var BodyLanguages = []string{"nl", "en", "fr", "de"}

// StaleAfter is how long a directory entry may go unchecked before the
// directory test fails: the editors, not the readers, learn that a fact may
// have gone stale.
const StaleAfter = 12 // months

// Body is one official body the portal refers to: a directory entry from
// directory/<id>.yaml. Every phone number, address and web address the
// portal shows comes from one of these.
type Body struct {
	ID          string
	Country     string
	Name        map[string]string // per language
	Purpose     map[string]string
	Hours       map[string]string // empty when not published
	Phone       string            // as dialled at home
	PhoneAbroad string            // as dialled from abroad
	Web         string
	Email       string
	Languages   []string
	Situations  []string
	Checked     time.Time
	Source      string // the page the facts were checked against
}

// bodyFile is what a directory file may say; unknown keys are errors.
type bodyFile struct {
	Country     string            `yaml:"country"`
	Name        map[string]string `yaml:"name"`
	Purpose     map[string]string `yaml:"purpose"`
	Phone       string            `yaml:"phone"`
	PhoneAbroad string            `yaml:"phone_abroad"`
	Web         string            `yaml:"web"`
	Email       string            `yaml:"email"`
	Hours       map[string]string `yaml:"hours"`
	Languages   []string          `yaml:"languages"`
	Situations  []string          `yaml:"situations"`
	Checked     string            `yaml:"checked"`
	Source      string            `yaml:"source"`
}

// Directory is every official body, by id.
type Directory struct {
	bodies map[string]*Body
	ids    []string // sorted
}

var (
	idPattern    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	phonePattern = regexp.MustCompile(`^\+?[0-9][0-9 -]*[0-9]$`)
	emailPattern = regexp.MustCompile(`^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$`)
)

// LoadDirectory reads directory/*.yaml from fsys. An unknown key, a missing
// language, a bad date or a malformed fact is an error naming the file.
func LoadDirectory(fsys fs.FS, langs []string) (*Directory, error) {
	names, err := fs.Glob(fsys, "directory/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("content: list directory: %w", err)
	}
	d := &Directory{bodies: map[string]*Body{}}
	for _, name := range names {
		b, err := parseBody(fsys, name, langs)
		if err != nil {
			return nil, fmt.Errorf("content: %s: %w", name, err)
		}
		d.bodies[b.ID] = b
		d.ids = append(d.ids, b.ID)
	}
	sort.Strings(d.ids)
	return d, nil
}

func parseBody(fsys fs.FS, name string, langs []string) (*Body, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var f bodyFile
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, err
	}
	b := &Body{
		ID: strings.TrimSuffix(path.Base(name), ".yaml"), Country: f.Country,
		Name: f.Name, Purpose: f.Purpose, Hours: f.Hours,
		Phone: f.Phone, PhoneAbroad: f.PhoneAbroad, Web: f.Web, Email: f.Email,
		Languages: f.Languages, Situations: f.Situations, Source: f.Source,
	}
	if !idPattern.MatchString(b.ID) {
		return nil, fmt.Errorf("id %q must be lower-case letters, digits and single hyphens", b.ID)
	}
	if !contains(Countries, b.Country) {
		return nil, fmt.Errorf("country %q is not one of %v", b.Country, Countries)
	}
	for _, field := range []struct {
		name     string
		m        map[string]string
		required bool
	}{{"name", b.Name, true}, {"purpose", b.Purpose, true}, {"hours", b.Hours, false}} {
		if len(field.m) == 0 && !field.required {
			continue
		}
		for _, lang := range langs {
			if strings.TrimSpace(field.m[lang]) == "" {
				return nil, fmt.Errorf("%s is missing in %s", field.name, lang)
			}
		}
		for lang := range field.m {
			if !contains(langs, lang) {
				return nil, fmt.Errorf("%s has unknown language %q", field.name, lang)
			}
		}
	}
	for _, p := range []string{b.Phone, b.PhoneAbroad} {
		if p != "" && !phonePattern.MatchString(p) {
			return nil, fmt.Errorf("phone number %q has characters other than digits, spaces, hyphens and a leading +", p)
		}
	}
	if b.PhoneAbroad != "" && !strings.HasPrefix(b.PhoneAbroad, "+") {
		return nil, fmt.Errorf("phone_abroad %q must start with + and the country code", b.PhoneAbroad)
	}
	if b.Web != "" && !strings.HasPrefix(b.Web, "https://") {
		return nil, fmt.Errorf("web %q must be an https:// address", b.Web)
	}
	if b.Email != "" && !emailPattern.MatchString(b.Email) {
		return nil, fmt.Errorf("email %q is not an e-mail address", b.Email)
	}
	if b.Phone == "" && b.Web == "" && b.Email == "" {
		return nil, errors.New("needs at least one of phone, web or email")
	}
	for _, l := range b.Languages {
		if !contains(BodyLanguages, l) {
			return nil, fmt.Errorf("language %q is not one of %v", l, BodyLanguages)
		}
	}
	for _, s := range b.Situations {
		if !contains(Situations, s) {
			return nil, fmt.Errorf("situation %q is not one of %v", s, Situations)
		}
	}
	if f.Checked == "" {
		return nil, errors.New("checked date is missing")
	}
	if b.Checked, err = time.Parse(time.DateOnly, f.Checked); err != nil {
		return nil, fmt.Errorf("checked date %q is not YYYY-MM-DD", f.Checked)
	}
	if !strings.HasPrefix(f.Source, "https://") && !strings.HasPrefix(f.Source, "http://") {
		return nil, fmt.Errorf("source %q must be the address of the page the facts were checked against", f.Source)
	}
	return b, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Body returns the entry id.
func (d *Directory) Body(id string) (*Body, bool) {
	b, ok := d.bodies[id]
	return b, ok
}

// Bodies returns every entry, sorted by id.
func (d *Directory) Bodies() []*Body {
	out := make([]*Body, 0, len(d.ids))
	for _, id := range d.ids {
		out = append(out, d.bodies[id])
	}
	return out
}

// Stale returns the ids of entries last checked more than StaleAfter months
// before now.
func (d *Directory) Stale(now time.Time) []string {
	limit := now.AddDate(0, -StaleAfter, 0)
	var out []string
	for _, id := range d.ids {
		if d.bodies[id].Checked.Before(limit) {
			out = append(out, id)
		}
	}
	return out
}

// Tel is the number as a tel: URI path: digits and a leading +.
func Tel(number string) string {
	var b strings.Builder
	for i, r := range number {
		if (r >= '0' && r <= '9') || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// WebText is how a web address is shown: without the scheme, "www." and a
// trailing slash.
func WebText(url string) string {
	s := strings.TrimPrefix(strings.TrimPrefix(url, "https://"), "http://")
	s = strings.TrimPrefix(s, "www.")
	return strings.TrimSuffix(s, "/")
}

// shortcode is {{kind:id}} in Markdown and catalogue strings.
var shortcode = regexp.MustCompile(`\{\{([a-z-]+):([^}]*)\}\}`)

// ShortcodeKinds are the shortcodes the directory renders.
// url is the bare web address, for a Markdown link with words of its own:
// [the Belgian police]({{url:police-be}}).
var ShortcodeKinds = []string{"name", "phone", "phone-abroad", "web", "url", "email", "contact"}

// Expand replaces the shortcodes in src with the directory's facts in
// lang. With markdown, phone numbers, web and e-mail addresses become
// links; otherwise (catalogue strings, which templates escape) they are
// plain text. An unknown kind or id, or a fact the entry does not have, is
// an error: a page must never show an empty contact.
func (d *Directory) Expand(lang, src string, markdown bool) (string, error) {
	var firstErr error
	out := shortcode.ReplaceAllStringFunc(src, func(m string) string {
		parts := shortcode.FindStringSubmatch(m)
		s, err := d.render(lang, parts[1], parts[2], markdown)
		if err != nil && firstErr == nil {
			firstErr = fmt.Errorf("%s: %w", m, err)
		}
		return s
	})
	if firstErr != nil {
		return "", firstErr
	}
	if i := strings.Index(out, "{{"); i >= 0 {
		end := min(len(out), i+30)
		return "", fmt.Errorf("%q is not a shortcode (write {{kind:id}} with kind one of %v)", out[i:end], ShortcodeKinds)
	}
	return out, nil
}

func (d *Directory) render(lang, kind, id string, markdown bool) (string, error) {
	b, ok := d.bodies[id]
	if !ok {
		return "", fmt.Errorf("no directory entry %q", id)
	}
	link := func(text, href string) string {
		if !markdown {
			return text
		}
		return "[" + text + "](" + href + ")"
	}
	need := func(v, what string) (string, error) {
		if v == "" {
			return "", fmt.Errorf("directory entry %q has no %s", id, what)
		}
		return v, nil
	}
	switch kind {
	case "name":
		return b.Name[lang], nil
	case "phone":
		if _, err := need(b.Phone, "phone"); err != nil {
			return "", err
		}
		return link(b.Phone, "tel:"+Tel(b.Phone)), nil
	case "phone-abroad":
		if _, err := need(b.PhoneAbroad, "phone_abroad"); err != nil {
			return "", err
		}
		return link(b.PhoneAbroad, "tel:"+Tel(b.PhoneAbroad)), nil
	case "web":
		if _, err := need(b.Web, "web"); err != nil {
			return "", err
		}
		return link(WebText(b.Web), b.Web), nil
	case "url":
		return need(b.Web, "web")
	case "email":
		if _, err := need(b.Email, "email"); err != nil {
			return "", err
		}
		return link(b.Email, "mailto:"+b.Email), nil
	case "contact":
		var parts []string
		if b.Phone != "" {
			parts = append(parts, link(b.Phone, "tel:"+Tel(b.Phone)))
		}
		if b.Web != "" {
			parts = append(parts, link(WebText(b.Web), b.Web))
		}
		if len(parts) == 0 {
			parts = append(parts, link(b.Email, "mailto:"+b.Email))
		}
		return b.Name[lang] + " (" + strings.Join(parts, ", ") + ")", nil
	}
	return "", fmt.Errorf("unknown shortcode kind %q (one of %v)", kind, ShortcodeKinds)
}
