package se.vaxel.staff;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping of staff.yaml, checked against the keys allowed at its level: unknown keys
 * (with the nearest known key), duplicate keys and non-text keys are reported when it is opened,
 * wrong types and missing required keys when a value is asked for.
 *
 * <p>A value of {@code ~}, {@code null} or nothing at all counts as not given, as in YAML.
 */
final class Fields {
  private final MappingNode mapping;
  private final String where;
  private final Problems problems;
  private final Map<String, ScalarNode> keys = new HashMap<>();
  private final Map<String, Node> values = new HashMap<>();
  /** Known keys already suggested for a misspelling, so they are not also reported missing. */
  private final Set<String> suggested = new HashSet<>();

  Fields(MappingNode mapping, String where, List<String> known, Problems problems) {
    this.mapping = mapping;
    this.where = where;
    this.problems = problems;
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
        problems.add(tuple.getKeyNode(), "a key in " + where + " must be text, found "
            + describe(tuple.getKeyNode()));
        continue;
      }
      String key = keyNode.getValue();
      if (!known.contains(key)) {
        unknown(keyNode, known);
      } else if (keys.containsKey(key)) {
        problems.add(keyNode, "duplicate key '" + key + "' (first given at line "
            + (keys.get(key).getStartMark().getLine() + 1) + ")");
      } else {
        keys.put(key, keyNode);
        values.put(key, tuple.getValueNode());
      }
    }
  }

  /** The key itself where it is given (for a problem about its whole section), else null. */
  ScalarNode key(String key) {
    return keys.get(key);
  }

  /** The value of {@code key} as given, of any type, or null when absent. */
  Node node(String key) {
    return values.get(key);
  }

  /** Whether the key is given with a value. */
  boolean has(String key) {
    return values.containsKey(key) && !isNull(values.get(key));
  }

  ScalarNode scalar(String key, boolean required) {
    return get(key, required, ScalarNode.class, "text");
  }

  MappingNode mapping(String key, boolean required) {
    return get(key, required, MappingNode.class, "a mapping");
  }

  SequenceNode sequence(String key, boolean required) {
    return get(key, required, SequenceNode.class, "a list");
  }

  /**
   * The value of {@code key} if it is given and of the expected type; otherwise null, with a
   * problem reported unless the key is optional and simply absent.
   */
  private <T extends Node> T get(String key, boolean required, Class<T> type, String expected) {
    Node value = values.get(key);
    if (value == null) {
      if (required && !suggested.contains(key)) {
        problems.add(mapping, "missing required key '" + key + "' in " + where);
      }
      return null;
    }
    if (isNull(value)) {
      if (required) {
        problems.add(keys.get(key), "'" + key + "' has no value");
      }
      return null;
    }
    if (!type.isInstance(value)) {
      problems.add(value, "'" + key + "' must be " + expected + ", found " + describe(value));
      return null;
    }
    return type.cast(value);
  }

  private void unknown(ScalarNode keyNode, List<String> known) {
    String key = keyNode.getValue();
    String message = "unknown key " + FreeText.quoted(key);
    var nearest = Nearest.to(key, known);
    if (nearest.isPresent()) {
      suggested.add(nearest.get());
      message += "; did you mean '" + nearest.get() + "'?";
    } else {
      message += " in " + where + "; known keys: " + String.join(", ", known);
    }
    problems.add(keyNode, message);
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  /** What a node is, in the words of a problem message ("found a list"). */
  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    Tag tag = node.getTag();
    if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
      return "a number";
    }
    return Tag.BOOL.equals(tag) ? "true/false" : "text";
  }
}
