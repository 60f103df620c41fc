package se.vaxel.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import se.vaxel.compliance.Finding;
import se.vaxel.compliance.Severity;

/**
 * The findings of a previous JSON report ({@code vaxel check --baseline FILE}), to tell what is
 * new tonight and what has been resolved since.
 *
 * <p>Only what the comparison needs is read ({@code checkedAt}, {@code pbx} and each finding's
 * {@code rule}, {@code severity}, {@code staff}, {@code extension}, {@code message}); other
 * keys, such as {@code summary}, {@code status} and {@code resolved}, are skipped, so a report
 * from a later version with more keys still serves as a baseline.
 */
public record Baseline(Instant checkedAt, String pbx, List<Finding> findings) {
  /** More problems than this in one file are counted, not listed. */
  private static final int LISTED_PROBLEMS = 10;

  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  public Baseline {
    Objects.requireNonNull(checkedAt, "checkedAt");
    Objects.requireNonNull(pbx, "pbx");
    findings = List.copyOf(findings);
  }

  /**
   * Which findings of tonight were already in the baseline (by {@link Finding#key()}), and which
   * baseline findings are gone.
   *
   * @param since when the baseline was checked
   * @param resolved the baseline's findings that no finding of tonight has the key of
   */
  public record Comparison(Instant since, Set<String> knownKeys, List<Finding> resolved) {
    public Comparison {
      Objects.requireNonNull(since, "since");
      knownKeys = Set.copyOf(knownKeys);
      resolved = List.copyOf(resolved);
    }

    public boolean isNew(Finding f) {
      return !knownKeys.contains(f.key());
    }

    /** "new" or "known", as the JSON report says it. */
    public String status(Finding f) {
      return isNew(f) ? "new" : "known";
    }
  }

  public Comparison compare(List<Finding> now) {
    Set<String> before = findings.stream().map(Finding::key).collect(Collectors.toSet());
    Set<String> current = now.stream().map(Finding::key).collect(Collectors.toSet());
    List<Finding> resolved = findings.stream().filter(f -> !current.contains(f.key())).toList();
    before.retainAll(current);
    return new Comparison(checkedAt, before, resolved);
  }

  public static Baseline read(Path file) throws BaselineException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonParser parser = JSON.createParser(in)) {
      return new Parse(file.toString(), parser).report();
    } catch (JsonProcessingException e) {
      throw new BaselineException(at(file.toString(), e.getLocation()) + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BaselineException(file + ": cannot read the baseline: " + e);
    }
  }

  private static String at(String file, JsonLocation location) {
    return location == null ? file + ": "
        : file + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": ";
  }

  /** One pass over the file that collects every schema problem before failing. */
  private static final class Parse {
    private final String file;
    private final JsonParser p;
    private final List<String> problems = new ArrayList<>();

    Parse(String file, JsonParser p) {
      this.file = file;
      this.p = p;
    }

    Baseline report() throws IOException, BaselineException {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BaselineException(at(file, p.currentTokenLocation())
            + "expected a JSON object: a report of vaxel check --format json");
      }
      JsonLocation start = p.currentTokenLocation();
      Instant checkedAt = null;
      String pbx = null;
      List<Finding> findings = null;
      Set<String> seen = new HashSet<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        seen.add(key);
        p.nextToken();
        switch (key) {
          case "checkedAt" -> checkedAt = instant();
          case "pbx" -> pbx = string("pbx", false);
          case "findings" -> findings = findings();
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        problem(p.currentTokenLocation(), "unexpected content after the report");
      }
      require(start, seen, "checkedAt", "pbx", "findings");
      if (!problems.isEmpty()) {
        throw new BaselineException(file + " is not a report of vaxel check --format json:\n"
            + String.join("\n", problems.subList(0, Math.min(problems.size(), LISTED_PROBLEMS)))
            + (problems.size() > LISTED_PROBLEMS
                ? "\n... and " + (problems.size() - LISTED_PROBLEMS) + " more problems" : ""));
      }
      return new Baseline(checkedAt, pbx, findings);
    }

    private List<Finding> findings() throws IOException {
      List<Finding> findings = new ArrayList<>();
      if (p.currentToken() != JsonToken.START_ARRAY) {
        problem(p.currentTokenLocation(), "\"findings\" must be an array");
        p.skipChildren();
        return findings;
      }
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() == JsonToken.START_OBJECT) {
          Finding f = finding();
          if (f != null) {
            findings.add(f);
          }
        } else {
          problem(p.currentTokenLocation(), "a finding must be an object");
          p.skipChildren();
        }
      }
      return findings;
    }

    private Finding finding() throws IOException {
      JsonLocation start = p.currentTokenLocation();
      int before = problems.size();
      String rule = null;
      Severity severity = null;
      String staff = null;
      String extension = null;
      String message = null;
      Set<String> seen = new HashSet<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        seen.add(key);
        p.nextToken();
        switch (key) {
          case "rule" -> rule = string("rule", false);
          case "severity" -> severity = severity();
          case "staff" -> staff = string("staff", true);
          case "extension" -> extension = string("extension", true);
          case "message" -> message = string("message", false);
          default -> p.skipChildren();
        }
      }
      require(start, seen, "rule", "severity", "message");
      return problems.size() > before ? null
          : new Finding(rule, severity, staff, extension, message);
    }

    private Severity severity() throws IOException {
      JsonLocation at = p.currentTokenLocation();
      String value = string("severity", false);
      for (Severity s : Severity.values()) {
        if (s.key().equals(value)) {
          return s;
        }
      }
      if (value != null) {
        problem(at, "\"severity\" must be \"error\" or \"warning\", not \"" + value + "\"");
      }
      return null;
    }

    private Instant instant() throws IOException {
      JsonLocation at = p.currentTokenLocation();
      String value = string("checkedAt", false);
      if (value == null) {
        return null;
      }
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        problem(at, "\"checkedAt\" must be an ISO-8601 instant such as 2026-11-21T02:00:00Z, "
            + "not \"" + value + "\"");
        return null;
      }
    }

    /** The current value as a string; null (with a problem unless nullable) otherwise. */
    private String string(String key, boolean nullable) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_STRING) {
        return p.getText();
      }
      if (t != JsonToken.VALUE_NULL || !nullable) {
        problem(p.currentTokenLocation(),
            "\"" + key + "\" must be a string" + (nullable ? " or null" : ""));
      }
      p.skipChildren();
      return null;
    }

    private void require(JsonLocation object, Set<String> seen, String... keys) {
      for (String key : keys) {
        if (!seen.contains(key)) {
          problem(object, "missing \"" + key + "\"");
        }
      }
    }

    private void problem(JsonLocation location, String message) {
      problems.add(at(file, location) + message);
    }
  }
}
