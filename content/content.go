// Package content holds the advice articles (Markdown with YAML front matter,
// one file per language under {lang}/{slug}.md) and the library that loads,
// checks, renders and searches them.
package content

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"gopkg.in/yaml.v3"

	"cyberportal/data/vocab"
	"cyberportal/i18n"
)

// Files holds the articles shipped with the portal.
//
//go:embed nl en fr pages directory
var Files embed.FS

// Audiences an article can be written for.
const (
	AudienceCitizens = "citizens"
	AudienceBusiness = "business"
	AudienceBoth     = "both"
)

// ThreatGeneral is the threat of advice that fits many incidents (backups,
// the first hour).
const ThreatGeneral = "general"

// Threats an article can be about: the report form's incident codes, plus
// ThreatGeneral.
func Threats() []string { return append(vocab.Incident.Codes(), ThreatGeneral) }

// Article is one article in one language.
type Article struct {
	Slug     string
	Lang     string
	Title    string
	Summary  string
	Audience string
	Threat   string
	Reviewed time.Time
	Related  []string
	HTML     template.HTML // rendered from our own reviewed Markdown

	keys   []string // front matter keys in order, to compare languages
	folded string   // title, summary and text folded for search
	title  string   // folded title, to rank title matches first
}

// frontMatter is what an article's header may say; unknown keys are errors.
type frontMatter struct {
	Title    string    `yaml:"title"`
	Summary  string    `yaml:"summary"`
	Audience string    `yaml:"audience"`
	Threat   string    `yaml:"threat"`
	Reviewed time.Time `yaml:"reviewed"`
	Related  []string  `yaml:"related"`
}

// Library is every article in every language, checked for consistency.
type Library struct {
	langs  []string
	bySlug map[string]map[string]*Article // slug -> lang -> article
	byLang map[string][]*Article          // sorted by title
	pages  map[string]map[string]*Page    // name -> lang -> page
	dir    *Directory                     // the official bodies the text refers to
}

// Page is a statement page (privacy, accessibility) in one language, kept
// under pages/{lang}/{name}.md with a title and summary as front matter.
type Page struct {
	Name    string
	Title   string
	Summary string
	HTML    template.HTML
}

// Load reads the directory of official bodies (directory/*.yaml) and
// {lang}/*.md for each language from fsys, and checks that every article
// exists in every language with the same front matter keys, audience,
// threat, review date and related articles. Contact facts in the Markdown
// are shortcodes rendered from the directory. Errors name the file.
func Load(fsys fs.FS, langs []string) (*Library, error) {
	dir, err := LoadDirectory(fsys, langs)
	if err != nil {
		return nil, err
	}
	md := goldmark.New(goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	lib := &Library{langs: langs, bySlug: map[string]map[string]*Article{}, byLang: map[string][]*Article{}, dir: dir}
	for _, lang := range langs {
		names, err := fs.Glob(fsys, lang+"/*.md")
		if err != nil {
			return nil, fmt.Errorf("content: list %s: %w", lang, err)
		}
		for _, name := range names {
			a, err := parseArticle(fsys, md, dir, name, lang)
			if err != nil {
				return nil, err
			}
			if lib.bySlug[a.Slug] == nil {
				lib.bySlug[a.Slug] = map[string]*Article{}
			}
			lib.bySlug[a.Slug][lang] = a
			lib.byLang[lang] = append(lib.byLang[lang], a)
		}
		sort.Slice(lib.byLang[lang], func(i, j int) bool {
			return lib.byLang[lang][i].title < lib.byLang[lang][j].title
		})
	}
	if err := lib.check(); err != nil {
		return nil, err
	}
	if err := lib.loadPages(fsys, md); err != nil {
		return nil, err
	}
	return lib, nil
}

func (l *Library) loadPages(fsys fs.FS, md goldmark.Markdown) error {
	l.pages = map[string]map[string]*Page{}
	for _, lang := range l.langs {
		names, err := fs.Glob(fsys, "pages/"+lang+"/*.md")
		if err != nil {
			return fmt.Errorf("content: list pages/%s: %w", lang, err)
		}
		for _, name := range names {
			src, err := fs.ReadFile(fsys, name)
			if err != nil {
				return fmt.Errorf("content: read %s: %w", name, err)
			}
			head, body, err := splitFrontMatter(src)
			if err != nil {
				return fmt.Errorf("content: %s: %w", name, err)
			}
			text, err := l.dir.Expand(lang, string(body), true)
			if err != nil {
				return fmt.Errorf("content: %s: %w", name, err)
			}
			body = []byte(text)
			var fm struct {
				Title   string `yaml:"title"`
				Summary string `yaml:"summary"`
			}
			dec := yaml.NewDecoder(bytes.NewReader(head))
			dec.KnownFields(true)
			if err := dec.Decode(&fm); err != nil || fm.Title == "" || fm.Summary == "" {
				return fmt.Errorf("content: %s: front matter needs a title and a summary (%v)", name, err)
			}
			var out bytes.Buffer
			if err := md.Convert(body, &out); err != nil {
				return fmt.Errorf("content: %s: render: %w", name, err)
			}
			pg := &Page{Name: strings.TrimSuffix(path.Base(name), ".md"), Title: fm.Title, Summary: fm.Summary, HTML: template.HTML(out.String())}
			if l.pages[pg.Name] == nil {
				l.pages[pg.Name] = map[string]*Page{}
			}
			l.pages[pg.Name][lang] = pg
		}
	}
	for name, versions := range l.pages {
		for _, lang := range l.langs {
			if versions[lang] == nil {
				return fmt.Errorf("content: pages/%s/%s.md is missing (the page exists in another language)", lang, name)
			}
		}
	}
	return nil
}

// Directory returns the official bodies the articles refer to.
func (l *Library) Directory() *Directory { return l.dir }

// Page returns the statement page name in lang.
func (l *Library) Page(lang, name string) (*Page, bool) {
	p, ok := l.pages[name][lang]
	return p, ok
}

func parseArticle(fsys fs.FS, md goldmark.Markdown, dir *Directory, name, lang string) (*Article, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("content: read %s: %w", name, err)
	}
	head, body, err := splitFrontMatter(src)
	if err != nil {
		return nil, fmt.Errorf("content: %s: %w", name, err)
	}
	var fm frontMatter
	dec := yaml.NewDecoder(bytes.NewReader(head))
	dec.KnownFields(true)
	if err := dec.Decode(&fm); err != nil {
		return nil, fmt.Errorf("content: %s: front matter: %w", name, err)
	}
	var keys yaml.Node
	if err := yaml.Unmarshal(head, &keys); err != nil || len(keys.Content) == 0 {
		return nil, fmt.Errorf("content: %s: front matter is not a mapping", name)
	}
	a := &Article{
		Slug: strings.TrimSuffix(path.Base(name), ".md"), Lang: lang,
		Title: fm.Title, Summary: fm.Summary, Audience: fm.Audience, Threat: fm.Threat,
		Reviewed: fm.Reviewed, Related: fm.Related,
	}
	for i := 0; i < len(keys.Content[0].Content); i += 2 {
		a.keys = append(a.keys, keys.Content[0].Content[i].Value)
	}
	if err := a.validate(); err != nil {
		return nil, fmt.Errorf("content: %s: %w", name, err)
	}
	text, err := dir.Expand(lang, string(body), true)
	if err != nil {
		return nil, fmt.Errorf("content: %s: %w", name, err)
	}
	body = []byte(text)
	var out bytes.Buffer
	if err := md.Convert(body, &out); err != nil {
		return nil, fmt.Errorf("content: %s: render: %w", name, err)
	}
	a.HTML = template.HTML(out.String())
	a.title = i18n.Fold(a.Title)
	a.folded = i18n.Fold(a.Title + "\n" + a.Summary + "\n" + string(body))
	return a, nil
}

func splitFrontMatter(src []byte) (head, body []byte, err error) {
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return nil, nil, errors.New("missing front matter (the file must start with ---)")
	}
	rest := src[4:]
	end := bytes.Index(rest, []byte("\n---\n"))
	if end < 0 {
		return nil, nil, errors.New("front matter is not closed by ---")
	}
	return rest[:end+1], rest[end+5:], nil
}

func (a *Article) validate() error {
	switch {
	case strings.TrimSpace(a.Title) == "":
		return errors.New("title is empty")
	case strings.TrimSpace(a.Summary) == "":
		return errors.New("summary is empty")
	case a.Reviewed.IsZero():
		return errors.New("reviewed date is missing")
	}
	if a.Audience != AudienceCitizens && a.Audience != AudienceBusiness && a.Audience != AudienceBoth {
		return fmt.Errorf("audience %q is not citizens, business or both", a.Audience)
	}
	if a.Threat == ThreatGeneral || vocab.Incident.Has(a.Threat) {
		return nil
	}
	return fmt.Errorf("threat %q is not one of %v", a.Threat, Threats())
}

// check holds the languages to each other: the Dutch text is the reference.
func (l *Library) check() error {
	if len(l.bySlug) == 0 {
		return errors.New("content: no articles")
	}
	ref := l.langs[0]
	for slug, versions := range l.bySlug {
		for _, lang := range l.langs {
			if versions[lang] == nil {
				return fmt.Errorf("content: %s/%s.md is missing (the article exists in another language)", lang, slug)
			}
		}
		base := versions[ref]
		for _, lang := range l.langs[1:] {
			a := versions[lang]
			name := lang + "/" + slug + ".md"
			switch {
			case !reflect.DeepEqual(a.keys, base.keys):
				return fmt.Errorf("content: %s: front matter keys %v differ from %s's %v", name, a.keys, ref, base.keys)
			case a.Audience != base.Audience:
				return fmt.Errorf("content: %s: audience %q differs from %s's %q", name, a.Audience, ref, base.Audience)
			case a.Threat != base.Threat:
				return fmt.Errorf("content: %s: threat %q differs from %s's %q", name, a.Threat, ref, base.Threat)
			case !a.Reviewed.Equal(base.Reviewed):
				return fmt.Errorf("content: %s: reviewed date differs from %s's", name, ref)
			case !reflect.DeepEqual(a.Related, base.Related):
				return fmt.Errorf("content: %s: related %v differ from %s's %v", name, a.Related, ref, base.Related)
			}
		}
		for _, rel := range base.Related {
			if l.bySlug[rel] == nil || rel == slug {
				return fmt.Errorf("content: %s/%s.md: related article %q does not exist", ref, slug, rel)
			}
		}
	}
	return nil
}

// Get returns the article slug in lang.
func (l *Library) Get(lang, slug string) (*Article, bool) {
	a, ok := l.bySlug[slug][lang]
	return a, ok
}

// Slugs returns every article's slug, sorted.
func (l *Library) Slugs() []string {
	slugs := make([]string, 0, len(l.bySlug))
	for s := range l.bySlug {
		slugs = append(slugs, s)
	}
	sort.Strings(slugs)
	return slugs
}

// Related returns the articles a's front matter points to, in a's language.
func (l *Library) Related(a *Article) []*Article {
	var out []*Article
	for _, slug := range a.Related {
		if r, ok := l.Get(a.Lang, slug); ok {
			out = append(out, r)
		}
	}
	return out
}

// ForThreat returns the articles about threat in lang.
func (l *Library) ForThreat(lang, threat string) []*Article {
	var out []*Article
	for _, a := range l.byLang[lang] {
		if a.Threat == threat {
			out = append(out, a)
		}
	}
	return out
}

// Search returns the articles in lang for the audience ("" for all) whose
// text contains every word of query, ignoring case and accents, with title
// matches first. An empty query lists them all.
func (l *Library) Search(lang, audience, query string) []*Article {
	words := strings.Fields(i18n.Fold(query))
	var inTitle, inText []*Article
	for _, a := range l.byLang[lang] {
		if audience != "" && a.Audience != audience && a.Audience != AudienceBoth {
			continue
		}
		if !containsAll(a.folded, words) {
			continue
		}
		if len(words) > 0 && containsAll(a.title, words) {
			inTitle = append(inTitle, a)
		} else {
			inText = append(inText, a)
		}
	}
	return append(inTitle, inText...)
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}
