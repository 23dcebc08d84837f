package dev.sliflow.slo;

import dev.sliflow.config.YamlNode;
import dev.sliflow.slo.SloSettings.Setting;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the settings of a sliflow candidates YAML: alerting, policy, maintenance, recommend, sla,
 * alert_policies and incidents.
 */
final class SettingsYaml {
    private static final Set<String> ALERTING = Set.of("tiers");
    private static final Set<String> TIER = Set.of("name", "severity", "long", "short", "burn_rate", "budget_consumed");
    private static final Set<String> POLICY = Set.of("alert_below", "pause_below", "freeze_below");
    private static final Set<String> MAINTENANCE = Set.of("start", "end", "every", "duration");
    private static final Set<String> RECOMMEND = Set.of("max_freeze_days_per_quarter", "max_pages_per_month");
    private static final Set<String> SLA = Set.of("journey", "target", "credits");
    private static final Set<String> CREDIT = Set.of("below", "credit");
    private static final Set<String> ALERT_POLICY = Set.of("name", "min_bad_events", "min_valid_events", "page_gap",
            "window_scale");
    private static final Set<String> INCIDENT = Set.of("journey", "start", "end", "sli");
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern EVERY = Pattern.compile("(?:([A-Za-z]{3}) +)?(\\d{2}):(\\d{2})");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration WEEK = Duration.ofDays(7);

    private SettingsYaml() {}

    static SloSettings read(Map<String, YamlNode> top) {
        return new SloSettings(setting(top, "alerting", SettingsYaml::alerting), setting(top, "policy", SettingsYaml::policy),
                setting(top, "maintenance", SettingsYaml::maintenance), setting(top, "recommend", SettingsYaml::recommend),
                setting(top, "sla", SettingsYaml::slas), setting(top, "alert_policies", SettingsYaml::alertPolicies),
                setting(top, "incidents", SettingsYaml::incidents));
    }

    private static <T> Setting<T> setting(Map<String, YamlNode> top, String key, Function<YamlNode, T> reader) {
        YamlNode n = top.get(key);
        return n == null ? null : new Setting<>(reader.apply(n), n);
    }

    /** {@code sre-workbook} or {@code {tiers: [...]}}. */
    static List<AlertTier> alerting(YamlNode n) {
        if (n.isScalar()) {
            if (!n.text().equals("sre-workbook")) {
                throw n.error("expected 'sre-workbook' or {tiers: [...]}, got '" + n.text() + "'");
            }
            return AlertTier.sreWorkbook();
        }
        Map<String, YamlNode> m = n.map(ALERTING);
        YamlNode tiersNode = SloValues.required(n, m, "tiers");
        List<YamlNode> items = tiersNode.list();
        if (items.isEmpty()) {
            throw tiersNode.error("at least one tier is needed");
        }
        List<AlertTier> tiers = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (YamlNode item : items) {
            AlertTier t = tier(item);
            Integer prev = names.put(t.name(), item.line());
            if (prev != null) {
                throw item.error("duplicate tier name '" + t.name() + "' (first on line " + prev + ")");
            }
            tiers.add(t);
        }
        return List.copyOf(tiers);
    }

    private static AlertTier tier(YamlNode n) {
        Map<String, YamlNode> m = n.map(TIER);
        YamlNode sevNode = SloValues.required(n, m, "severity");
        String severity = sevNode.nonEmptyText();
        if (!severity.equals("page") && !severity.equals("ticket")) {
            throw sevNode.error("severity must be 'page' or 'ticket', got '" + severity + "'");
        }
        Duration longWindow = SloValues.duration(SloValues.required(n, m, "long"), MINUTE, WEEK);
        YamlNode shortNode = SloValues.required(n, m, "short");
        Duration shortWindow = SloValues.duration(shortNode, MINUTE, WEEK);
        if (shortWindow.compareTo(longWindow) >= 0) {
            throw shortNode.error("the short window must be shorter than the long window");
        }
        String name = m.containsKey("name") ? m.get("name").nonEmptyText()
                : severity + "-" + m.get("long").text();
        if (SloValues.oneOf(n, m, "burn_rate", "budget_consumed").equals("burn_rate")) {
            YamlNode rate = m.get("burn_rate");
            double r = rate.doubleValue();
            if (r <= 0) {
                throw rate.error("a burn rate must be > 0, got " + rate.text());
            }
            return new AlertTier(name, severity, longWindow, shortWindow, r, 0);
        }
        YamlNode consumed = m.get("budget_consumed");
        double c = consumed.doubleValue();
        if (!(c > 0 && c <= 1)) {
            throw consumed.error("budget consumed must be in (0, 1], got " + consumed.text());
        }
        double rateFor30Days = c * Duration.ofDays(30).toMinutes() / (double) longWindow.toMinutes();
        return new AlertTier(name, severity, longWindow, shortWindow, rateFor30Days, c);
    }

    static Policy policy(YamlNode n) {
        Map<String, YamlNode> m = n.map(POLICY);
        Policy d = Policy.defaults();
        double alert = budgetShare(m.get("alert_below"), d.alertBelow());
        double pause = budgetShare(m.get("pause_below"), d.pauseBelow());
        double freeze = budgetShare(m.get("freeze_below"), d.freezeBelow());
        if (pause > alert) {
            throw orParent(m.get("pause_below"), m.get("alert_below"), n)
                    .error("must be alert_below >= pause_below >= freeze_below; got alert_below " + alert + ", pause_below " + pause);
        }
        if (freeze > pause) {
            throw orParent(m.get("freeze_below"), m.get("pause_below"), n)
                    .error("must be alert_below >= pause_below >= freeze_below; got pause_below " + pause + ", freeze_below " + freeze);
        }
        return new Policy(alert, pause, freeze);
    }

    private static double budgetShare(YamlNode n, double dflt) {
        if (n == null) {
            return dflt;
        }
        double v = n.doubleValue();
        if (v < -1 || v > 1) {
            throw n.error("a budget-remaining threshold must be in [-1, 1], got " + n.text());
        }
        return v;
    }

    private static YamlNode orParent(YamlNode a, YamlNode b, YamlNode parent) {
        return a != null ? a : b != null ? b : parent;
    }

    static List<Maintenance> maintenance(YamlNode n) {
        List<Maintenance> out = new ArrayList<>();
        for (YamlNode item : n.list()) {
            out.add(maintenanceWindow(item));
        }
        return List.copyOf(out);
    }

    private static Maintenance maintenanceWindow(YamlNode n) {
        Map<String, YamlNode> m = n.map(MAINTENANCE);
        boolean fixed = m.containsKey("start") || m.containsKey("end");
        boolean recurring = m.containsKey("every") || m.containsKey("duration");
        if (fixed == recurring) {
            throw n.error("a maintenance window is either {start, end} or {every, duration}");
        }
        if (fixed) {
            Instant start = instant(SloValues.required(n, m, "start"));
            YamlNode endNode = SloValues.required(n, m, "end");
            Instant end = instant(endNode);
            if (!end.isAfter(start)) {
                throw endNode.error("end must be after start (" + start + ")");
            }
            return Maintenance.fixed(start, end);
        }
        YamlNode every = SloValues.required(n, m, "every");
        Matcher e = EVERY.matcher(every.nonEmptyText());
        if (!e.matches()) {
            throw every.error("expected \"DAY HH:MM\" (DAY = MON..SUN) or \"HH:MM\" for daily, in UTC; got '" + every.text() + "'");
        }
        DayOfWeek day = e.group(1) == null ? null : day(every, e.group(1));
        int hour = Integer.parseInt(e.group(2));
        int minute = Integer.parseInt(e.group(3));
        if (hour > 23 || minute > 59) {
            throw every.error("no such time of day: " + e.group(2) + ":" + e.group(3));
        }
        Duration duration = SloValues.duration(SloValues.required(n, m, "duration"), MINUTE, WEEK);
        return Maintenance.recurring(day, LocalTime.of(hour, minute), duration);
    }

    private static DayOfWeek day(YamlNode n, String abbreviation) {
        String a = abbreviation.toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(a)) {
                return d;
            }
        }
        throw n.error("unknown day '" + abbreviation + "' (expected MON, TUE, WED, THU, FRI, SAT or SUN)");
    }

    private static Instant instant(YamlNode n) {
        String s = n.nonEmptyText();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw n.error("expected an ISO instant with a zone offset such as 2026-07-15T02:00:00Z, got '" + s + "'");
        }
    }

    static Recommend recommend(YamlNode n) {
        Map<String, YamlNode> m = n.map(RECOMMEND);
        Recommend d = Recommend.defaults();
        int freezeDays = count(m.get("max_freeze_days_per_quarter"), d.maxFreezeDaysPerQuarter(), 92);
        int pages = count(m.get("max_pages_per_month"), d.maxPagesPerMonth(), 10_000);
        return new Recommend(freezeDays, pages);
    }

    private static int count(YamlNode n, int dflt, int max) {
        if (n == null) {
            return dflt;
        }
        long v = n.longValue();
        if (v < 0 || v > max) {
            throw n.error("must be in 0.." + max + ", got " + v);
        }
        return (int) v;
    }

    static List<Sla> slas(YamlNode n) {
        List<Sla> out = new ArrayList<>();
        for (YamlNode item : n.list()) {
            Map<String, YamlNode> m = item.map(SLA);
            String journey = SloValues.journey(SloValues.required(item, m, "journey"));
            double target = SloValues.target(SloValues.required(item, m, "target"));
            YamlNode creditsNode = SloValues.required(item, m, "credits");
            List<Sla.CreditTier> credits = new ArrayList<>();
            for (YamlNode c : creditsNode.list()) {
                Map<String, YamlNode> cm = c.map(CREDIT);
                double below = SloValues.target(SloValues.required(c, cm, "below"));
                YamlNode creditNode = SloValues.required(c, cm, "credit");
                double credit = creditNode.doubleValue();
                if (!(credit > 0 && credit <= 1)) {
                    throw creditNode.error("a credit is a share of the fee in (0, 1], got " + creditNode.text());
                }
                credits.add(new Sla.CreditTier(below, credit));
            }
            if (credits.isEmpty()) {
                throw creditsNode.error("at least one credit tier is needed");
            }
            out.add(new Sla(journey, target, List.copyOf(credits)));
        }
        return List.copyOf(out);
    }

    /**
     * {@code alert_policies: [{name, min_bad_events?, min_valid_events?, page_gap?, window_scale?}, ...]}:
     * at least one, names unique; the first is the reported one ({@link AlertPolicy}).
     */
    static List<AlertPolicy> alertPolicies(YamlNode n) {
        List<YamlNode> items = n.list();
        if (items.isEmpty()) {
            throw n.error("at least one alert policy is needed (or leave alert_policies out for the defaults)");
        }
        List<AlertPolicy> out = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (YamlNode item : items) {
            Map<String, YamlNode> m = item.map(ALERT_POLICY);
            YamlNode nameNode = SloValues.required(item, m, "name");
            String name = nameNode.nonEmptyText();
            if (!POLICY_NAME.matcher(name).matches()) {
                throw nameNode.error("an alert policy name is letters, digits, '_', '.' or '-' (at most 64), got '"
                        + name + "'");
            }
            Integer prev = names.put(name, item.line());
            if (prev != null) {
                throw nameNode.error("duplicate alert policy name '" + name + "' (first on line " + prev + ")");
            }
            long minBad = count(m.get("min_bad_events"), 0, 1_000_000);
            long minValid = count(m.get("min_valid_events"), 0, 1_000_000);
            YamlNode gapNode = m.get("page_gap");
            Duration gap = gapNode == null ? null
                    : gapNode.nonEmptyText().equals("0m") ? Duration.ZERO : SloValues.duration(gapNode, MINUTE, WEEK);
            int scale = count(m.get("window_scale"), 1, 30);
            if (m.containsKey("window_scale") && scale < 1) {
                throw m.get("window_scale").error("must be in 1..30, got " + scale);
            }
            out.add(new AlertPolicy(name, minBad, minValid, gap, scale));
        }
        return List.copyOf(out);
    }

    /** {@code incidents: [{journey, start, end, sli?: availability|latency}, ...]} (sli defaults to availability). */
    static List<Incident> incidents(YamlNode n) {
        List<Incident> out = new ArrayList<>();
        for (YamlNode item : n.list()) {
            Map<String, YamlNode> m = item.map(INCIDENT);
            String journey = SloValues.journey(SloValues.required(item, m, "journey"));
            Instant start = instant(SloValues.required(item, m, "start"));
            YamlNode endNode = SloValues.required(item, m, "end");
            Instant end = instant(endNode);
            if (!end.isAfter(start)) {
                throw endNode.error("end must be after start (" + start + ")");
            }
            SliKind sli = SliKind.AVAILABILITY;
            YamlNode sliNode = m.get("sli");
            if (sliNode != null) {
                String s = sliNode.nonEmptyText();
                if (s.equals("latency")) {
                    sli = SliKind.LATENCY;
                } else if (!s.equals("availability")) {
                    throw sliNode.error("sli must be 'availability' or 'latency', got '" + s + "'");
                }
            }
            out.add(new Incident(journey, start, end, sli));
        }
        return List.copyOf(out);
    }
}
