package se.vaxel.render;

import java.util.HashMap;
import java.util.Map;

/**
 * A template model of plain values. An optional value that is null is left out rather than
 * stored, so a template tests it with {@code ??} and a missing required one fails loudly.
 */
final class TextModel {
  private final Map<String, Object> values = new HashMap<>();

  TextModel put(String key, Object value) {
    if (value != null) {
      values.put(key, value);
    }
    return this;
  }

  Map<String, Object> map() {
    return values;
  }
}
