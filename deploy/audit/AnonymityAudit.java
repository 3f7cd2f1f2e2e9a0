import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Anonymity audit of a running Pulse stack (run by deploy/audit/audit.sh, i.e. ./pulse audit).
 *
 * <p>Plays the operator of the threat model: full read access to both databases, every Kafka topic and every
 * service log, plus the directory (Keycloak). It looks for anything that could tie a person to an answer:
 * people's identifiers (Keycloak user ids, user names, e-mails, names, session ids) anywhere in the data or logs,
 * IP addresses next to responses, time columns or sequences on response-side tables, time-based ids, Kafka record
 * timestamps that differ within a round, responses tagged with a unit smaller than k, and logged submissions.
 * Prints every check; exits 1 on any finding.
 */
public final class AnonymityAudit {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\d.])");
    /** Tables on the response side of the wall: whatever they hold travels with (or marks) an answer. */
    private static final Set<String> RESPONSE_SIDE = Set.of("surveydb.response", "surveydb.response_outbox", "surveydb.spent_token",
            "analyticsdb.counted_response", "analyticsdb.unit_aggregate", "analyticsdb.item_aggregate");
    /** Free text HR types itself (a campaign name): it may mention anything, and stands next to no answer. */
    private static final Set<String> HR_FREE_TEXT = Set.of("surveydb.campaign.name");

    private final List<String> findings = new ArrayList<>();
    private int checks;
    private final Map<String, String> people = new LinkedHashMap<>(); // identifier -> what it is
    private final Set<String> responseIds = new HashSet<>();
    private boolean allHistory;

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static final String HOST = env("PULSE_HOST", "127.0.0.1");

    public static void main(String[] args) throws Exception {
        AnonymityAudit audit = new AnonymityAudit();
        List<String> options = List.of(args);
        audit.allHistory = options.contains("--all-history");
        audit.run(Path.of(options.stream().filter(a -> !a.startsWith("--")).findFirst().orElse(".state/logs")));
        System.out.printf("%nanonymity audit: %d checks, %d findings%n", audit.checks, audit.findings.size());
        audit.findings.forEach(f -> System.out.println("  FINDING " + f));
        System.exit(audit.findings.isEmpty() ? 0 : 1);
    }

    private void check(String what, List<String> problems) {
        checks++;
        System.out.printf("  %-4s %s%s%n", problems.isEmpty() ? "ok" : "FAIL", what,
                problems.isEmpty() ? "" : " (" + problems.size() + ")");
        problems.stream().limit(20).forEach(p -> findings.add(what + ": " + p));
    }

    void run(Path logs) throws Exception {
        System.out.println("== directory (Keycloak admin API, realm " + env("KEYCLOAK_REALM", "pulse") + ")");
        loadPeople();
        System.out.println("  " + people.size() + " identifiers of people (user ids, user names, e-mails, names, session ids)");
        System.out.println("== databases");
        try (Connection survey = db(env("SURVEY_DB", "surveydb"), env("SURVEY_DB_USER", "survey"), env("SURVEY_DB_PASSWORD", "survey"));
                Connection analytics = db(env("ANALYTICS_DB", "analyticsdb"), env("ANALYTICS_DB_USER", "analytics"),
                        env("ANALYTICS_DB_PASSWORD", "analytics"))) {
            collectResponseIds(survey, analytics);
            scanDatabase("surveydb", survey);
            scanDatabase("analyticsdb", analytics);
            responseSideSchema("surveydb", survey);
            responseSideSchema("analyticsdb", analytics);
            randomIds(survey, analytics);
            unitsOfResponses(survey);
        }
        System.out.println("== kafka");
        scanKafka();
        System.out.println("== logs in " + logs);
        scanLogs(logs);
    }

    // ---- directory ---------------------------------------------------------------------------

    private static JsonNode get(String url, String bearer) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + bearer).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " -> " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }

    private void loadPeople() throws Exception {
        String kc = "http://" + HOST + ":" + env("KEYCLOAK_PORT", "8180");
        String form = "grant_type=password&client_id=admin-cli&username="
                + URLEncoder.encode(env("KEYCLOAK_ADMIN_USER", "admin"), StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(env("KEYCLOAK_ADMIN_PASSWORD", "admin"), StandardCharsets.UTF_8);
        HttpResponse<String> t = HTTP.send(HttpRequest.newBuilder(URI.create(kc + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        String admin = JSON.readTree(t.body()).path("access_token").asText();
        String realm = kc + "/admin/realms/" + env("KEYCLOAK_REALM", "pulse");
        for (JsonNode u : get(realm + "/users?briefRepresentation=false&max=100000", admin)) {
            String name = u.path("username").asText();
            people.put(u.path("id").asText(), "user id of " + name);
            people.put(name, "user name");
            if (u.hasNonNull("email")) {
                people.put(u.path("email").asText(), "e-mail of " + name);
            }
            if (u.hasNonNull("firstName") && u.hasNonNull("lastName")) {
                people.put(u.path("firstName").asText() + " " + u.path("lastName").asText(), "name of " + name);
            }
        }
        for (JsonNode c : get(realm + "/clients?max=1000", admin)) {
            for (JsonNode s : get(realm + "/clients/" + c.path("id").asText() + "/user-sessions?max=100000", admin)) {
                people.put(s.path("id").asText(), "session of " + s.path("username").asText());
            }
        }
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
    }

    private List<String> peopleIn(String text) {
        return peopleIn(text, 1);
    }

    /**
     * Identifiers of people inside {@code text}, each only as a whole word ("emp001", not "emp0012"; "hr" the user,
     * not "token-state-manager" or the unit path segment "/administration/hr"), and at least {@code minLength}
     * characters long (binary columns: a two-letter user name turns up in random bytes by chance).
     */
    private List<String> peopleIn(String text, int minLength) {
        List<String> hits = new ArrayList<>();
        for (var e : people.entrySet()) {
            if (e.getKey().length() < minLength) {
                continue;
            }
            int i = text.indexOf(e.getKey());
            while (i >= 0) {
                int end = i + e.getKey().length();
                boolean whole = (i == 0 || !wordChar(text.charAt(i - 1)) && text.charAt(i - 1) != '/')
                        && (end >= text.length() || !wordChar(text.charAt(end)));
                if (whole) {
                    hits.add(e.getValue() + " '" + e.getKey() + "'");
                    break;
                }
                i = text.indexOf(e.getKey(), i + 1);
            }
        }
        return hits;
    }

    // ---- databases ---------------------------------------------------------------------------

    private static Connection db(String name, String user, String password) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + env("POSTGRES_PORT", "5433") + "/" + name, user, password);
    }

    private void collectResponseIds(Connection survey, Connection analytics) throws Exception {
        for (var q : List.of(Map.entry(survey, "select id::text from response"),
                Map.entry(survey, "select id::text from response_outbox"),
                Map.entry(analytics, "select response_id::text from counted_response"))) {
            try (ResultSet rs = q.getKey().createStatement().executeQuery(q.getValue())) {
                while (rs.next()) {
                    responseIds.add(rs.getString(1));
                }
            }
        }
        System.out.println("  " + responseIds.size() + " response ids known (they must never reach a log)");
    }

    private record Column(String schema, String table, String column, String type) {
    }

    private static List<Column> columns(Connection c, String typeFilter) throws Exception {
        List<Column> cols = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("select table_schema, table_name, column_name, data_type "
                + "from information_schema.columns where table_schema not in ('pg_catalog', 'information_schema') "
                + "and table_name not like 'flyway%' " + typeFilter + " order by 1, 2, ordinal_position")) {
            while (rs.next()) {
                cols.add(new Column(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return cols;
    }

    /** Every text, json and bytea value of every table: no person's identifier, and no IP on the response side. */
    private void scanDatabase(String db, Connection c) throws Exception {
        List<Column> cols = columns(c, "and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')");
        List<String> people = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        long values = 0;
        for (Column col : cols) {
            String where = db + "." + col.table() + "." + col.column();
            boolean bytes = col.type().equals("bytea");
            String expr = bytes ? "\"" + col.column() + "\"" : "\"" + col.column() + "\"::text";
            try (ResultSet rs = c.createStatement().executeQuery("select " + expr + " from \"" + col.schema() + "\".\""
                    + col.table() + "\" where \"" + col.column() + "\" is not null")) {
                while (rs.next()) {
                    values++;
                    // bytea (payloads, sealed keys, hashes): read as UTF-8 text, which is how an identifier would sit in it
                    String v = bytes ? new String(rs.getBytes(1), StandardCharsets.UTF_8) : rs.getString(1);
                    if (!HR_FREE_TEXT.contains(where)) {
                        peopleIn(v, bytes ? 6 : 1).stream().limit(3).forEach(h -> people.add(where + " holds " + h));
                    }
                    if (RESPONSE_SIDE.contains(db + "." + col.table()) && IPV4.matcher(v).find()) {
                        ips.add(where + " holds an IPv4 address");
                    }
                }
            }
        }
        check(db + ": no identifier of a person in " + cols.size() + " text/json/bytea columns (" + values + " values)", people);
        check(db + ": no IP address in response-side tables", ips);
    }

    /** Response-side tables carry no time and no insertion sequence that could mirror the order of issuance. */
    private void responseSideSchema(String db, Connection c) throws Exception {
        List<String> problems = new ArrayList<>();
        for (Column col : columns(c, "")) {
            if (!RESPONSE_SIDE.contains(db + "." + col.table())) {
                continue;
            }
            if (col.type().startsWith("timestamp") || col.type().equals("date") || col.type().startsWith("time")
                    || col.type().equals("interval")) {
                problems.add(db + "." + col.table() + "." + col.column() + " is a " + col.type() + " column");
            }
        }
        try (ResultSet rs = c.createStatement().executeQuery("select table_name, column_name from information_schema.columns "
                + "where column_default like 'nextval%' or is_identity = 'YES'")) {
            while (rs.next()) {
                if (RESPONSE_SIDE.contains(db + "." + rs.getString(1))) {
                    problems.add(db + "." + rs.getString(1) + "." + rs.getString(2) + " is a sequence (insertion order)");
                }
            }
        }
        check(db + ": response-side tables have no time column and no sequence", problems);
    }

    /** Version-4 (random) ids only: v1/v6/v7 UUIDs carry the moment they were made. */
    private void randomIds(Connection survey, Connection analytics) {
        List<String> problems = new ArrayList<>();
        for (String id : responseIds) {
            int version = UUID.fromString(id).version();
            if (version != 4) {
                problems.add("response id of UUID version " + version);
            }
        }
        check("response ids are random (UUID v4), not time-based", problems);
    }

    /** A response is tagged only with a reporting unit of at least k eligible people (small teams are merged). */
    private void unitsOfResponses(Connection survey) throws Exception {
        List<String> problems = new ArrayList<>();
        try (ResultSet rs = survey.createStatement().executeQuery("""
                select r.round_id, r.unit_id, count(*),
                       (select coalesce(sum(u.eligible), 0) from round_unit u where u.round_id = r.round_id and u.reporting_unit_id = r.unit_id),
                       (select min_group_size from round where id = r.round_id)
                from response r group by r.round_id, r.unit_id""")) {
            while (rs.next()) {
                if (rs.getLong(4) < rs.getLong(5)) {
                    problems.add("round " + rs.getString(1) + ": " + rs.getLong(3) + " response(s) tagged with unit " + rs.getString(2)
                            + " of " + rs.getLong(4) + " eligible (< k = " + rs.getLong(5) + ")");
                }
            }
        }
        check("responses are tagged only with reporting units of >= k eligible people", problems);
    }

    // ---- kafka -------------------------------------------------------------------------------

    private void scanKafka() {
        String responses = env("KAFKA_TOPIC_RESPONSES", "pulse.responses");
        for (String topic : List.of(responses, env("KAFKA_TOPIC_ROUNDS", "pulse.rounds"), responses + ".dlq")) {
            Properties p = new Properties();
            p.put("bootstrap.servers", HOST + ":" + env("KAFKA_PORT", "9092"));
            p.put("enable.auto.commit", "false");
            p.put("default.api.timeout.ms", "15000");
            List<String> people = new ArrayList<>();
            List<String> ips = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            Map<String, Set<Long>> timestampsByRound = new TreeMap<>();
            long records = 0;
            try (var consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15));
                if (partitions == null || partitions.isEmpty()) {
                    System.out.println("  --   topic " + topic + " does not exist (nothing to read)");
                    continue;
                }
                List<TopicPartition> tps = partitions.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                consumer.assign(tps);
                consumer.seekToBeginning(tps);
                Map<TopicPartition, Long> end = consumer.endOffsets(tps);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < deadline && tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        records++;
                        StringBuilder text = new StringBuilder();
                        if (r.key() != null) {
                            text.append(new String(r.key(), StandardCharsets.UTF_8)).append(' ');
                        }
                        if (r.value() != null) {
                            text.append(new String(r.value(), StandardCharsets.UTF_8)).append(' ');
                        }
                        for (Header h : r.headers()) {
                            text.append(h.key()).append('=').append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8))
                                    .append(' ');
                        }
                        String s = text.toString();
                        peopleIn(s).stream().limit(3).forEach(h -> people.add(topic + "@" + r.partition() + ":" + r.offset() + " " + h));
                        if (!topic.equals(env("KAFKA_TOPIC_ROUNDS", "pulse.rounds")) && IPV4.matcher(s).find()) {
                            ips.add(topic + "@" + r.partition() + ":" + r.offset() + " holds an IPv4 address");
                        }
                        if (topic.equals(responses) && r.value() != null) {
                            try {
                                JsonNode v = JSON.readTree(r.value());
                                String round = v.path("roundId").asText(r.key() == null ? "?" : new String(r.key(), StandardCharsets.UTF_8));
                                timestampsByRound.computeIfAbsent(round, k -> new HashSet<>()).add(r.timestamp());
                                if (v.hasNonNull("responseId") && UUID.fromString(v.path("responseId").asText()).version() != 4) {
                                    ids.add(topic + "@" + r.offset() + " response id is not a random UUID");
                                }
                            } catch (Exception e) {
                                // not a response (e.g. a poison record written by a test): only scanned as text
                            }
                        }
                    }
                }
            }
            check("kafka " + topic + ": no identifier of a person (" + records + " records, keys, values, headers)", people);
            if (!topic.equals(env("KAFKA_TOPIC_ROUNDS", "pulse.rounds"))) {
                check("kafka " + topic + ": no IP address", ips);
            }
            if (topic.equals(responses)) {
                List<String> problems = new ArrayList<>(ids);
                timestampsByRound.forEach((round, ts) -> {
                    if (ts.size() > 1) {
                        problems.add("round " + round + " has " + ts.size() + " distinct record timestamps");
                    }
                });
                check("kafka " + topic + ": every record of a round carries the same coarse timestamp ("
                        + timestampsByRound.size() + " rounds)", problems);
            }
        }
    }

    // ---- logs --------------------------------------------------------------------------------

    private void scanLogs(Path dir) throws Exception {
        // every instance: gateway.log, survey-service.log, survey-service-2.log (./pulse up --scale 2), ...
        Map<String, Path> logs = new TreeMap<>();
        try (var files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().matches("(gateway|survey-service|analytics-service)(-\\d+)?\\.log"))
                    .forEach(f -> logs.put(f.getFileName().toString().replaceFirst("\\.log$", ""), f));
        }
        if (logs.isEmpty()) {
            System.out.println("  --   no service logs in " + dir);
        }
        for (var e : logs.entrySet()) {
            List<String> all = Files.readAllLines(e.getValue(), StandardCharsets.ISO_8859_1);
            // deploy/local appends a "===== NAME start" line per start: by default the audit vouches for the
            // running build (what it wrote since it started); --all-history reads earlier builds' lines too.
            int from = 0;
            if (!allHistory) {
                for (int i = all.size() - 1; i >= 0; i--) {
                    if (all.get(i).startsWith("===== " + e.getKey() + " start")) {
                        from = i;
                        break;
                    }
                }
            }
            List<String> lines = all.subList(from, all.size());
            if (from > 0) {
                System.out.println("  --   " + e.getKey() + ".log: " + from + " lines of earlier starts not read (--all-history reads them)");
            }
            List<String> people = new ArrayList<>();
            List<String> submissions = new ArrayList<>();
            List<String> responseIdHits = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String at = e.getKey() + ".log:" + (from + i + 1);
                peopleIn(line).stream().limit(2).forEach(h -> people.add(at + " " + h));
                if (line.matches(".*\\b(POST|GET|PUT|DELETE|PATCH|OPTIONS|HEAD) /+api/+responses.*")) {
                    submissions.add(at + " logs a request to the anonymous route");
                }
                for (String id : uuidsIn(line)) {
                    if (responseIds.contains(id)) {
                        responseIdHits.add(at + " names response " + id);
                    }
                }
                if (line.matches(".*eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}.*")) {
                    tokens.add(at + " holds a JWT");
                }
            }
            check("log " + e.getKey() + ": no identifier of a person (" + lines.size() + " lines)", people);
            check("log " + e.getKey() + ": the anonymous route is not logged", submissions);
            check("log " + e.getKey() + ": no response id", responseIdHits);
            check("log " + e.getKey() + ": no bearer token", tokens);
        }
    }

    private static final Pattern UUID_RE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static List<String> uuidsIn(String line) {
        List<String> out = new ArrayList<>();
        var m = UUID_RE.matcher(line);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
