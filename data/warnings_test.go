package data

import (
	"errors"
	"testing"
	"time"

	"cyberportal/i18n"
)

var warningLangs = i18n.Languages()

func TestWarningLifecycle(t *testing.T) {
	t.Parallel()
	s, ctx := openTest(t)
	editor, _ := activeStaff(t, s, "e@example.nl", RoleEditor)
	w := &Warning{Texts: map[string]WarningText{
		"nl": {Title: "Nep-sms van de bank", Body: "Klik **niet**."},
		"en": {Title: "Fake bank texts", Body: "Do **not** click."},
	}, Article: "phishing"}
	id, err := s.CreateWarning(ctx, w, editor.ID, staffNow)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PublishWarning(ctx, id, warningLangs, editor.ID, staffNow); !errors.Is(err, ErrWarningIncomplete) {
		t.Errorf("published without French: %v", err)
	}
	got, _ := s.Warning(ctx, id)
	if got.Status != WarningDraft || got.Article != "phishing" || got.Texts["en"].Body != "Do **not** click." {
		t.Errorf("draft: %+v", got)
	}
	if m := got.Missing(warningLangs); len(m) != 1 || m[0] != "fr" {
		t.Errorf("missing %v, want [fr]", m)
	}

	got.Texts["fr"] = WarningText{Title: "Faux SMS de la banque", Body: "Ne cliquez **pas**."}
	if err := s.UpdateWarning(ctx, got, warningLangs, editor.ID, staffNow.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := s.PublishWarning(ctx, id, warningLangs, editor.ID, staffNow.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Warning(ctx, id)
	if got.Status != WarningPublished || !got.PublishedAt.Equal(staffNow.Add(2*time.Minute)) || got.Version != 3 {
		t.Errorf("published: %+v", got)
	}
	// A published warning cannot lose a language.
	got.Texts["nl"] = WarningText{Title: "Nep-sms", Body: " "}
	if err := s.UpdateWarning(ctx, got, warningLangs, editor.ID, staffNow); !errors.Is(err, ErrWarningIncomplete) {
		t.Errorf("emptied a published warning: %v", err)
	}

	// A second, later warning comes first; a withdrawn one is gone.
	w2 := &Warning{Texts: map[string]WarningText{"nl": {"B", "b"}, "en": {"B", "b"}, "fr": {"B", "b"}}}
	id2, _ := s.CreateWarning(ctx, w2, editor.ID, staffNow)
	s.PublishWarning(ctx, id2, warningLangs, editor.ID, staffNow.Add(time.Hour))
	pub, err := s.PublishedWarnings(ctx, 3)
	if err != nil || len(pub) != 2 || pub[0].ID != id2 || pub[1].ID != id {
		t.Fatalf("published: %v %v", pub, err)
	}
	if err := s.WithdrawWarning(ctx, id2, editor.ID, staffNow.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if pub, _ := s.PublishedWarnings(ctx, 3); len(pub) != 1 || pub[0].ID != id {
		t.Errorf("after withdrawing: %v", pub)
	}
	if pub, _ := s.PublishedWarnings(ctx, 0); len(pub) != 0 {
		t.Errorf("limit 0 gave %d", len(pub))
	}
	all, _ := s.ListWarnings(ctx)
	if len(all) != 2 || all[0].ID != id2 || all[0].Status != WarningWithdrawn {
		t.Errorf("list: %+v", all)
	}
	if _, err := s.Warning(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown warning: %v", err)
	}
	entries, _, _ := s.ListAudit(ctx, 0, 100)
	var actions []string
	for _, e := range entries {
		if e.Email == "e@example.nl" && e.Action != "staff.setup" {
			actions = append(actions, e.Action+" "+e.Target)
		}
	}
	want := []string{"warning.withdraw 2", "warning.publish 2", "warning.create 2", "warning.publish 1", "warning.update 1", "warning.create 1"}
	if len(actions) != len(want) {
		t.Fatalf("audit %v, want %v", actions, want)
	}
	for i := range want {
		if actions[i] != want[i] {
			t.Errorf("audit %v, want %v", actions, want)
			break
		}
	}
}

// OnWarningsChange runs after each committed change, never after a refused one.
func TestOnWarningsChange(t *testing.T) {
	t.Parallel()
	s, ctx := openTest(t)
	editor, _ := activeStaff(t, s, "e@example.nl", RoleEditor)
	changes := 0
	s.OnWarningsChange(func() { changes++ })
	texts := map[string]WarningText{"nl": {Title: "T", Body: "B"}, "en": {Title: "T", Body: "B"}}
	id, err := s.CreateWarning(ctx, &Warning{Texts: texts}, editor.ID, staffNow)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		do   func() error
		want int
	}{
		{"publish while French is missing", func() error { return s.PublishWarning(ctx, id, warningLangs, editor.ID, staffNow) }, 0},
		{"update", func() error {
			texts["fr"] = WarningText{Title: "T", Body: "B"}
			return s.UpdateWarning(ctx, &Warning{ID: id, Texts: texts}, warningLangs, editor.ID, staffNow)
		}, 1},
		{"publish", func() error { return s.PublishWarning(ctx, id, warningLangs, editor.ID, staffNow) }, 2},
		{"publish again (no change)", func() error { return s.PublishWarning(ctx, id, warningLangs, editor.ID, staffNow) }, 2},
		{"withdraw", func() error { return s.WithdrawWarning(ctx, id, editor.ID, staffNow) }, 3},
		{"update a missing warning", func() error {
			return s.UpdateWarning(ctx, &Warning{ID: id + 1, Texts: texts}, warningLangs, editor.ID, staffNow)
		}, 3},
	}
	for _, st := range steps {
		st.do()
		if changes != st.want {
			t.Errorf("after %s: %d changes, want %d", st.name, changes, st.want)
		}
	}
}
