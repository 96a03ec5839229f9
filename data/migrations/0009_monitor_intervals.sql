-- Safety-monitor figures as CBS publishes them (issue 13): the 95% interval,
-- the method (series) a figure belongs to, the kind of area, and sources
-- cited in every language.
--
-- series: the Veiligheidsmonitor was redesigned in 2021 (questions and
-- design); CBS says figures from 2021 on cannot be compared with 2012-2019.
-- 'vm2012' is the series 2012-2019, 'vm2021' the series from 2021 on. A
-- chart never joins two series with a line.
-- lower, upper: the 95% interval where the source publishes one; both or
-- neither.
-- area_kind: 'municipality', 'region' (a landsdeel, such as Zuid-Nederland)
-- or 'country' (Nederland).
ALTER TABLE monitor_series ADD COLUMN lower REAL;
ALTER TABLE monitor_series ADD COLUMN upper REAL;
ALTER TABLE monitor_series ADD COLUMN series TEXT NOT NULL DEFAULT 'vm2012';
ALTER TABLE monitor_series ADD COLUMN area_kind TEXT NOT NULL DEFAULT 'municipality';

-- Figures imported before this migration: the series follows from the year,
-- and Nederland is the country.
UPDATE monitor_series SET series = 'vm2021' WHERE year >= 2021;
UPDATE monitor_series SET area_kind = 'country' WHERE area = 'Nederland';

-- monitor_source_text (migration 0007, issue 11) cites a source in the
-- reader's language: per source as stored in monitor_series and language,
-- the words the page and the downloads show; a source without a row (a
-- later import) is shown as imported. The figures below store a short code
-- as their source, cited through that table; the rows here also replace
-- 0007's words for the shipped Maastricht source, adding the page it was
-- read on.
INSERT OR REPLACE INTO monitor_source_text (source, lang, text) VALUES
    ('Veiligheidsmonitor, as cited in the municipality of Maastricht''s safety report', 'nl',
     'Veiligheidsmonitor, zoals gepubliceerd door de gemeente Maastricht: Veiligheid Maastricht, Informatieveiligheid, https://veiligheidmaastricht.nl/n154000.html'),
    ('Veiligheidsmonitor, as cited in the municipality of Maastricht''s safety report', 'en',
     'Safety Monitor (Veiligheidsmonitor), as published by the municipality of Maastricht: Safety in Maastricht, Information security, https://veiligheidmaastricht.nl/en_n154000.html'),
    ('Veiligheidsmonitor, as cited in the municipality of Maastricht''s safety report', 'fr',
     'Veiligheidsmonitor (enquête néerlandaise sur la sécurité), publié par la commune de Maastricht : Veiligheid Maastricht, Informatieveiligheid, https://veiligheidmaastricht.nl/n154000.html'),
    ('wodc-cbs-cybercrime', 'nl',
     'WODC en CBS, Criminaliteit en rechtshandhaving: Cybercrime (bron: Veiligheidsmonitor), bijgewerkt 9 mei 2017, https://www.criminaliteitinbeeld.nl/onderwerpen/cybercrime'),
    ('wodc-cbs-cybercrime', 'en',
     'WODC and CBS (Statistics Netherlands), Crime and law enforcement: Cybercrime (source: Safety Monitor), updated 9 May 2017, https://www.criminaliteitinbeeld.nl/onderwerpen/cybercrime'),
    ('wodc-cbs-cybercrime', 'fr',
     'WODC et CBS (office statistique néerlandais), Criminalité et application de la loi : cybercriminalité (source : Veiligheidsmonitor), mis à jour le 9 mai 2017, https://www.criminaliteitinbeeld.nl/onderwerpen/cybercrime'),
    ('cbs-vm2017-rounded', 'nl',
     'CBS, Veiligheidsmonitor 2017, geciteerd door cyberverzekering.nl (in hele procenten afgerond), https://www.cyberverzekering.nl/nieuws/overheid/cbs-een-op-negen-nederlanders-in-2017-slachtoffer-van-cybercrime/'),
    ('cbs-vm2017-rounded', 'en',
     'CBS, Safety Monitor 2017, as quoted by cyberverzekering.nl (rounded to whole percent), https://www.cyberverzekering.nl/nieuws/overheid/cbs-een-op-negen-nederlanders-in-2017-slachtoffer-van-cybercrime/'),
    ('cbs-vm2017-rounded', 'fr',
     'CBS, Veiligheidsmonitor 2017, cité par cyberverzekering.nl (arrondi au pour cent entier), https://www.cyberverzekering.nl/nieuws/overheid/cbs-een-op-negen-nederlanders-in-2017-slachtoffer-van-cybercrime/'),
    ('cbs-vm2019-rounded', 'nl',
     'CBS, Veiligheidsmonitor 2019, zoals gemeld door security.nl, NOS en NRC in maart 2020 (in hele procenten afgerond), https://www.security.nl/posting/646240/'),
    ('cbs-vm2019-rounded', 'en',
     'CBS, Safety Monitor 2019, as reported by security.nl, NOS and NRC in March 2020 (rounded to whole percent), https://www.security.nl/posting/646240/'),
    ('cbs-vm2019-rounded', 'fr',
     'CBS, Veiligheidsmonitor 2019, selon security.nl, NOS et NRC en mars 2020 (arrondi au pour cent entier), https://www.security.nl/posting/646240/'),
    ('cbs-vm2019-sod', 'nl',
     'CBS, Veiligheidsmonitor 2019 (Nederland in Cijfers), geciteerd door SOD-Onderzoek, https://www.sod-onderzoek.nl/13-procent-slachtoffer-van-cybercrime/'),
    ('cbs-vm2019-sod', 'en',
     'CBS, Safety Monitor 2019 (Nederland in Cijfers), as quoted by SOD-Onderzoek, https://www.sod-onderzoek.nl/13-procent-slachtoffer-van-cybercrime/'),
    ('cbs-vm2019-sod', 'fr',
     'CBS, Veiligheidsmonitor 2019 (Nederland in Cijfers), cité par SOD-Onderzoek, https://www.sod-onderzoek.nl/13-procent-slachtoffer-van-cybercrime/'),
    ('cbs-85472ned', 'nl',
     'CBS StatLine 85472NED, Slachtofferschap online criminaliteit; regio (Veiligheidsmonitor), met 95%-interval, https://www.cbs.nl/nl-nl/cijfers/detail/85472NED'),
    ('cbs-85472ned', 'en',
     'CBS StatLine 85472NED, Victims of online crime; region (Safety Monitor), with 95% interval, https://www.cbs.nl/nl-nl/cijfers/detail/85472NED'),
    ('cbs-85472ned', 'fr',
     'CBS StatLine 85472NED, Victimes de criminalité en ligne ; région (Veiligheidsmonitor), avec intervalle à 95 %, https://www.cbs.nl/nl-nl/cijfers/detail/85472NED'),
    ('cbs-85470ned', 'nl',
     'CBS StatLine 85470NED, Slachtofferschap online criminaliteit; persoonskenmerken (Veiligheidsmonitor 2021), https://www.cbs.nl/nl-nl/cijfers/detail/85470NED'),
    ('cbs-85470ned', 'en',
     'CBS StatLine 85470NED, Victims of online crime; personal characteristics (Safety Monitor 2021), https://www.cbs.nl/nl-nl/cijfers/detail/85470NED'),
    ('cbs-85470ned', 'fr',
     'CBS StatLine 85470NED, Victimes de criminalité en ligne ; caractéristiques personnelles (Veiligheidsmonitor 2021), https://www.cbs.nl/nl-nl/cijfers/detail/85470NED'),
    ('cbs-vm2023-ch5', 'nl',
     'CBS, Veiligheidsmonitor 2023, hoofdstuk 5 Online criminaliteit (in hele procenten afgerond), https://www.cbs.nl/nl-nl/longread/rapportages/2024/veiligheidsmonitor-2023/5-online-criminaliteit'),
    ('cbs-vm2023-ch5', 'en',
     'CBS, Safety Monitor 2023, chapter 5 Online crime (rounded to whole percent), https://www.cbs.nl/nl-nl/longread/rapportages/2024/veiligheidsmonitor-2023/5-online-criminaliteit'),
    ('cbs-vm2023-ch5', 'fr',
     'CBS, Veiligheidsmonitor 2023, chapitre 5 Criminalité en ligne (arrondi au pour cent entier), https://www.cbs.nl/nl-nl/longread/rapportages/2024/veiligheidsmonitor-2023/5-online-criminaliteit'),
    ('cbs-vm2023-securitynl', 'nl',
     'CBS, Veiligheidsmonitor 2023, geciteerd door security.nl (december 2024), https://www.security.nl/posting/867992/'),
    ('cbs-vm2023-securitynl', 'en',
     'CBS, Safety Monitor 2023, as quoted by security.nl (December 2024), https://www.security.nl/posting/867992/'),
    ('cbs-vm2023-securitynl', 'fr',
     'CBS, Veiligheidsmonitor 2023, cité par security.nl (décembre 2024), https://www.security.nl/posting/867992/');

-- The published figures. Nothing here is estimated or rounded: each value is
-- as its source prints it (2017 and 2019 totals are whole percentages there).
-- Where a source gives none (Maastricht after 2019, Zuid-Nederland 2023, an
-- interval cut from the page) there is no row or no interval: the portal
-- shows "not available", and import-monitor loads it later.
-- INSERT OR IGNORE: a figure someone imported already stays as it is.
INSERT OR IGNORE INTO monitor_series (area, area_kind, indicator, series, year, value, lower, upper, unit, source) VALUES
    -- Nederland, old series 2012-2019: cybercrime, total and by kind.
    ('Nederland', 'country', 'cybercrime', 'vm2012', 2012, 12.1, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'cybercrime', 'vm2012', 2013, 12.6, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'cybercrime', 'vm2012', 2014, 11.2, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'cybercrime', 'vm2012', 2015, 11.1, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'cybercrime', 'vm2012', 2016, 10.7, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'cybercrime', 'vm2012', 2017, 11,   NULL, NULL, 'percent', 'cbs-vm2017-rounded'),
    ('Nederland', 'country', 'cybercrime', 'vm2012', 2019, 13,   NULL, NULL, 'percent', 'cbs-vm2019-rounded'),
    ('Nederland', 'country', 'hacking', 'vm2012', 2012, 6,   NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'hacking', 'vm2012', 2013, 6.2, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'hacking', 'vm2012', 2014, 5.2, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'hacking', 'vm2012', 2015, 5.1, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'hacking', 'vm2012', 2016, 4.9, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'hacking', 'vm2012', 2017, 5,   NULL, NULL, 'percent', 'cbs-vm2017-rounded'),
    ('Nederland', 'country', 'hacking', 'vm2012', 2019, 5.5, NULL, NULL, 'percent', 'cbs-vm2019-sod'),
    ('Nederland', 'country', 'purchase_fraud', 'vm2012', 2012, 2.9, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'purchase_fraud', 'vm2012', 2013, 3.3, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'purchase_fraud', 'vm2012', 2014, 3.5, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'purchase_fraud', 'vm2012', 2015, 3.5, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'purchase_fraud', 'vm2012', 2016, 3.4, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'purchase_fraud', 'vm2012', 2017, 4,   NULL, NULL, 'percent', 'cbs-vm2017-rounded'),
    ('Nederland', 'country', 'purchase_fraud', 'vm2012', 2019, 4.6, NULL, NULL, 'percent', 'cbs-vm2019-sod'),
    ('Nederland', 'country', 'online_harassment', 'vm2012', 2012, 3.1, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'online_harassment', 'vm2012', 2013, 3.3, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'online_harassment', 'vm2012', 2014, 3.1, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'online_harassment', 'vm2012', 2015, 3.2, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'online_harassment', 'vm2012', 2016, 3.2, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'online_harassment', 'vm2012', 2017, 3,   NULL, NULL, 'percent', 'cbs-vm2017-rounded'),
    ('Nederland', 'country', 'online_harassment', 'vm2012', 2019, 4.3, NULL, NULL, 'percent', 'cbs-vm2019-sod'),
    -- 2017 identity fraud is "less than half a percent" in the source: not a figure.
    ('Nederland', 'country', 'identity_fraud', 'vm2012', 2012, 1.5, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'identity_fraud', 'vm2012', 2013, 1.3, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'identity_fraud', 'vm2012', 2014, 0.8, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'identity_fraud', 'vm2012', 2015, 0.6, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'identity_fraud', 'vm2012', 2016, 0.4, NULL, NULL, 'percent', 'wodc-cbs-cybercrime'),
    ('Nederland', 'country', 'identity_fraud', 'vm2012', 2019, 0.5, NULL, NULL, 'percent', 'cbs-vm2019-sod'),
    -- Nederland, new series from 2021: online crime, total with interval.
    ('Nederland', 'country', 'cybercrime', 'vm2021', 2021, 16.9, 16.7, 17.2, 'percent', 'cbs-85472ned'),
    ('Nederland', 'country', 'cybercrime', 'vm2021', 2023, 15.6, 15.4, 15.9, 'percent', 'cbs-85472ned'),
    -- By kind: 2021 from 85470NED; 2023 as CBS and security.nl cite it.
    -- Online buying and selling fraud are two separate figures from 2021 on,
    -- which are not added up here: purchase_fraud has no new-series figure.
    ('Nederland', 'country', 'hacking', 'vm2021', 2021, 6.9, NULL, NULL, 'percent', 'cbs-85470ned'),
    ('Nederland', 'country', 'hacking', 'vm2021', 2023, 5.5, NULL, NULL, 'percent', 'cbs-vm2023-securitynl'),
    ('Nederland', 'country', 'online_harassment', 'vm2021', 2021, 2.3, NULL, NULL, 'percent', 'cbs-85470ned'),
    ('Nederland', 'country', 'online_harassment', 'vm2021', 2023, 3,   NULL, NULL, 'percent', 'cbs-vm2023-ch5'),
    ('Nederland', 'country', 'identity_fraud', 'vm2021', 2021, 0.8, NULL, NULL, 'percent', 'cbs-85470ned'),
    -- The large regions (landsdelen), online crime total.
    ('Noord-Nederland', 'region', 'cybercrime', 'vm2021', 2021, 15.5, 14.7, 16.3, 'percent', 'cbs-85472ned'),
    ('Noord-Nederland', 'region', 'cybercrime', 'vm2021', 2023, 15.1, 14.2, 16.0, 'percent', 'cbs-85472ned'),
    ('Oost-Nederland', 'region', 'cybercrime', 'vm2021', 2021, 16.3, 15.7, 16.9, 'percent', 'cbs-85472ned'),
    ('Oost-Nederland', 'region', 'cybercrime', 'vm2021', 2023, 15.0, 14.4, 15.5, 'percent', 'cbs-85472ned'),
    ('West-Nederland', 'region', 'cybercrime', 'vm2021', 2021, 17.5, 17.1, 17.8, 'percent', 'cbs-85472ned'),
    ('West-Nederland', 'region', 'cybercrime', 'vm2021', 2023, 16.1, 15.7, 16.4, 'percent', 'cbs-85472ned'),
    -- Zuid-Nederland 2021: the interval was cut from the page read; 2023 not read.
    ('Zuid-Nederland', 'region', 'cybercrime', 'vm2021', 2021, 17.0, NULL, NULL, 'percent', 'cbs-85472ned');
