-- Safety-monitor sources in the reader's language (issue 11). The source
-- line under a chart was stored in English only (0003). monitor_series
-- keeps its source as imported; this table gives, per stored source and
-- language, the words the statistics page and downloads show. A source
-- without a row here (a new import) is shown as it was imported.
CREATE TABLE monitor_source_text (
    source TEXT NOT NULL,   -- monitor_series.source, exactly as stored
    lang   TEXT NOT NULL,   -- nl, en, fr
    text   TEXT NOT NULL,
    PRIMARY KEY (source, lang)
) WITHOUT ROWID;

INSERT INTO monitor_source_text (source, lang, text) VALUES
    ('Veiligheidsmonitor, as cited in the municipality of Maastricht''s safety report', 'nl',
     'Veiligheidsmonitor, zoals aangehaald in de veiligheidsrapportage van de gemeente Maastricht'),
    ('Veiligheidsmonitor, as cited in the municipality of Maastricht''s safety report', 'en',
     'Veiligheidsmonitor (Dutch Safety Monitor), as cited in the municipality of Maastricht''s safety report'),
    ('Veiligheidsmonitor, as cited in the municipality of Maastricht''s safety report', 'fr',
     'Veiligheidsmonitor (enquête néerlandaise sur la sécurité), cité dans le rapport sur la sécurité de la commune de Maastricht');
