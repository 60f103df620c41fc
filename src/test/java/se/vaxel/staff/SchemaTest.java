package se.vaxel.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * schema/*.schema.json against the loader itself: the same keys at every level as StaffReader
 * and PlatformLoader allow, every valid example accepted, and each structural mutation of a
 * full staff file (an unknown key, a key removed, a value of the wrong kind) judged alike: what
 * validate accepts the schema accepts, what validate rejects for structure the schema rejects.
 */
class SchemaTest {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Schema STAFF = schema("schema/staff.schema.json");
  private static final Schema PLATFORM = schema("schema/platform.schema.json");

  private static Schema schema(String file) {
    try {
      return REGISTRY.getSchema(Files.readString(Path.of(file)), InputFormat.JSON);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void everyLevelHasTheKeysTheLoaderKnows() throws Exception {
    JsonNode s = new ObjectMapper().readTree(Files.readString(Path.of("schema/staff.schema.json")));
    JsonNode defs = s.get("$defs");
    assertKeys(StaffReader.TOP, s);
    assertKeys(StaffReader.ORGANISATION, defs.get("organisation"));
    assertKeys(StaffReader.ASTERISK, defs.get("asterisk"));
    assertKeys(StaffReader.PERSON, defs.get("person"));
    assertKeys(StaffReader.ABSENCE, defs.get("absence"));
    assertKeys(SpeechReader.KEYS, defs.get("speech"));
    assertKeys(CalendarReader.CALENDAR, defs.get("calendar"));
    assertKeys(CalendarReader.SOURCE, defs.get("calendar-source"));
    assertKeys(CalendarReader.PERSON, defs.get("person-calendar").get("anyOf").get(2));
    JsonNode p = new ObjectMapper().readTree(Files.readString(Path.of("schema/platform.schema.json")));
    assertKeys(PlatformLoader.TOP, p);
    assertKeys(PlatformLoader.PLATFORM, p.get("properties").get("platform"));
    assertKeys(PlatformLoader.ORGANISATION, p.get("properties").get("organisations").get("items"));
  }

  private static void assertKeys(List<String> known, JsonNode level) {
    TreeSet<String> keys = new TreeSet<>();
    level.get("properties").fieldNames().forEachRemaining(keys::add);
    assertEquals(new TreeSet<>(known), keys);
    assertFalse(level.get("additionalProperties").asBoolean(), "unknown keys are rejected");
  }

  @Test
  void theSchemasShipInTheJarAndTheExamplesPointEditorsAtThem() throws Exception {
    // Resources of the build, as the jar has them; the package copies schema/ as it is.
    assertTrue(getClass().getResource("/schema/staff.schema.json") != null);
    assertTrue(getClass().getResource("/schema/platform.schema.json") != null);
    assertTrue(Files.readString(Path.of("staff.yaml"))
        .startsWith("# yaml-language-server: $schema=schema/staff.schema.json\n"));
    assertTrue(Files.readString(Path.of("examples/umea-region/platform.yaml"))
        .startsWith("# yaml-language-server: $schema=../../schema/platform.schema.json\n"));
    assertTrue(Files.readString(Path.of("examples/umea-region/vannas/staff.yaml"))
        .startsWith("# yaml-language-server: $schema=../../../schema/staff.schema.json\n"));
  }

  @Test
  void everyValidExampleAndFixtureIsAccepted() throws Exception {
    for (String file : List.of("staff.yaml", "examples/umea-region/vannas/staff.yaml",
        "src/test/resources/platform/alfa/staff.yaml", "src/test/resources/platform/beta/staff.yaml")) {
      String text = Files.readString(Path.of(file));
      new StaffLoader().parse(file, text);
      assertEquals(List.of(), STAFF.validate(json(text)), file);
    }
    for (String file : List.of("examples/umea-region/platform.yaml",
        "src/test/resources/platform/platform.yaml")) {
      String text = Files.readString(Path.of(file));
      assertEquals(List.of(), PLATFORM.validate(json(text)), file);
    }
  }

  /** Each mutation of the shipped staff.yaml: what the loader says decides what the schema must. */
  @Test
  void structuralMutationsAreJudgedAsValidateJudgesThem() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> base = deepCopy(new Yaml().load(Files.readString(Path.of("staff.yaml"))));
    // Every level, with a path to a mapping of it in the shipped file.
    Map<String, Function<Map<String, Object>, Map<String, Object>>> levels = new LinkedHashMap<>();
    levels.put("top", m -> m);
    levels.put("organisation", m -> map(m.get("organisation")));
    levels.put("asterisk", m -> map(m.get("asterisk")));
    levels.put("person", m -> map(list(m.get("staff")).get(0)));
    levels.put("absence", m -> firstAbsence(m));
    int judged = 0;
    for (var level : levels.entrySet()) {
      for (String key : new ArrayList<>(level.getValue().apply(base).keySet())) {
        judged += judge(base, level.getValue(), key, null, "removed");
        Object value = level.getValue().apply(base).get(key);
        Object wrong = value instanceof Map || value instanceof List ? "text" : Map.of("a", "b");
        judged += judge(base, level.getValue(), key, wrong, "wrong kind");
      }
      judged += judge(base, level.getValue(), "no-such-key", "x", "unknown");
    }
    assertTrue(judged > 40, "only " + judged + " mutations judged");
    assertTrue(accepted > 10, "only " + accepted + " mutations valid: the accepting side is barely tested");
    assertTrue(rejected > 20, "only " + rejected + " mutations rejected for structure");
  }

  private int accepted;
  private int rejected;

  private int judge(Map<String, Object> base, Function<Map<String, Object>, Map<String, Object>> at,
      String key, Object value, String what) {
    Map<String, Object> copy = deepCopy(base);
    if (value == null) {
      at.apply(copy).remove(key);
    } else {
      at.apply(copy).put(key, value);
    }
    String yaml = new Yaml().dump(copy);
    List<Problem> problems;
    try {
      new StaffLoader().parse("m.yaml", yaml);
      problems = List.of();
    } catch (StaffException e) {
      problems = e.problems();
    }
    boolean schemaAccepts = STAFF.validate(json(yaml)).isEmpty();
    boolean structural = problems.stream().anyMatch(p -> p.message().contains("missing required key '" + key + "'")
        || p.message().contains("unknown key") || p.message().startsWith("'" + key + "' must be"));
    String label = what + " " + key;
    if (problems.isEmpty()) {
      assertTrue(schemaAccepts, label + ": validate accepts it, the schema must too");
      accepted++;
    } else if (structural) {
      rejected++;
      assertFalse(schemaAccepts, label + ": validate rejects its structure, the schema must too: " + problems);
    }
    return 1;
  }

  /**
   * YAML as an editor's schema check sees it: mappings, lists, and each scalar as the type its
   * tag resolves to (a number, true/false, null, else text; a date stays text, as in YAML 1.2).
   */
  private static JsonNode json(String yaml) {
    return json(new Yaml().compose(new java.io.StringReader(yaml)));
  }

  private static JsonNode json(Node node) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (node instanceof MappingNode m) {
      ObjectNode o = f.objectNode();
      for (NodeTuple t : m.getValue()) {
        o.set(((ScalarNode) t.getKeyNode()).getValue(), json(t.getValueNode()));
      }
      return o;
    }
    if (node instanceof SequenceNode list) {
      ArrayNode a = f.arrayNode();
      list.getValue().forEach(item -> a.add(json(item)));
      return a;
    }
    ScalarNode scalar = (ScalarNode) node;
    Tag tag = scalar.getTag();
    String v = scalar.getValue();
    if (Tag.NULL.equals(tag)) {
      return f.nullNode();
    }
    if (Tag.BOOL.equals(tag)) {
      return f.booleanNode(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes")
          || v.equalsIgnoreCase("on") || v.equalsIgnoreCase("y"));
    }
    if (Tag.INT.equals(tag) && v.matches("[-+]?[0-9]+")) {
      return f.numberNode(new BigInteger(v));
    }
    if (Tag.FLOAT.equals(tag) && v.matches("[-+]?[0-9.]+")) {
      return f.numberNode(Double.parseDouble(v));
    }
    return f.textNode(v);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  private static Map<String, Object> firstAbsence(Map<String, Object> m) {
    for (Object p : list(m.get("staff"))) {
      Object a = map(p).get("absences");
      if (a != null) {
        return map(list(a).get(0));
      }
    }
    throw new AssertionError("the shipped staff.yaml has no absence");
  }

  private static Map<String, Object> deepCopy(Map<String, Object> m) {
    return map(undated(new Yaml().load(new Yaml().dump(m))));
  }

  /**
   * SnakeYAML's own loading makes {@code 2026-07-20} a Date, which it would dump back as an
   * instant: the day as written again, so the mutated files differ from the shipped one only
   * where the mutation says.
   */
  private static Object undated(Object o) {
    if (o instanceof java.util.Date d) {
      return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
    }
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), undated(v)));
      return out;
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(undated(v)));
      return out;
    }
    return o;
  }
}
