package se.vaxel.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import se.vaxel.compliance.CheckResult;
import se.vaxel.compliance.Finding;

/**
 * The JSON report: a contract with monitoring and with {@code --baseline}. Keys are written in
 * this order, nulls included; {@code status} and {@code resolved} appear only with a baseline. A
 * key is never renamed or removed, and its meaning never changes.
 *
 * <pre>{@code
 * {
 *   "checkedAt": "2026-11-21T02:00:00Z",   // ISO-8601 instant, UTC
 *   "pbx": "pbx.example:5038",             // the AMI address checked
 *   "summary": {
 *     "people": 120,                       // people of staff.yaml checked
 *     "errors": 2,                         // findings of severity error
 *     "warnings": 1,                       // findings of severity warning
 *     "compliant": false,                  // no findings and nothing incomplete
 *     "incomplete": ["..."]                // what could not be checked, in words; [] if none
 *   },
 *   "findings": [                          // PBX-wide, per person, orphans; [] if none
 *     {
 *       "rule": "VM-MISSING",              // the rule id
 *       "severity": "error",               // "error" or "warning"
 *       "staff": "anna.berg",              // staff.yaml id; null for orphans and PBX-wide
 *       "extension": "2102",               // null where no extension is concerned
 *       "message": "...",                  // one line, for people
 *       "status": "new"                    // only with --baseline: "new" or "known"
 *     }
 *   ],
 *   "resolved": [ ... ]                    // only with --baseline: the baseline's findings
 * }                                        //   (rule .. message) that are gone, in its order
 * }</pre>
 *
 * <p>A report of one organisation of a platform ({@code --report-dir}) has, after {@code pbx},
 * {@code "organisation": {"id": "alfa", "name": "Alfa kommun"}}; otherwise it is the above.
 * The report of a whole platform is the above for the total, with each finding's and each
 * resolved finding's {@code "organisation"} (its id) after {@code message} ({@code staff} stays
 * the id in that organisation's staff file), and after {@code resolved} (or {@code findings})
 * {@code "organisations": [{"id", "name", "summary": {...}}]}, each summary as above for that
 * organisation alone. An organisation's incomplete items appear in the total prefixed with
 * {@code "<id>: "}.
 *
 * <p>A finding is the same across runs when rule, staff and extension are (see
 * {@link Finding#key()}); the message may change. Text is UTF-8 and not escaped beyond JSON's
 * rules.
 */
final class JsonFormatter implements ReportFormatter {
  private static final JsonFactory JSON = new JsonFactory();

  /** Two-space indent, "key": value, and "\n" on every platform, so the output is stable. */
  private static final Separators SEPARATORS = Separators.createDefaultInstance()
      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
      .withObjectEmptySeparator("")
      .withArrayEmptySeparator("");
  private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");

  @Override
  public String render(Report report, Presentation presentation) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter(SEPARATORS)
          .withObjectIndenter(INDENT).withArrayIndenter(INDENT));
      write(g, report);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to a string", e);
    }
    return out.append('\n').toString();
  }

  private static void write(JsonGenerator g, Report report) throws IOException {
    CheckResult r = report.result();
    g.writeStartObject();
    g.writeStringField("checkedAt", r.checkedAt().toString());
    g.writeStringField("pbx", r.pbx());
    if (report.organisation().isPresent()) {
      g.writeObjectFieldStart("organisation");
      g.writeStringField("id", report.organisation().get().id());
      g.writeStringField("name", report.organisation().get().name());
      g.writeEndObject();
    }
    summary(g, r);
    g.writeArrayFieldStart("findings");
    Optional<Baseline.Comparison> comparison = report.comparison();
    if (report.isPlatform()) {
      // Per part, so each finding keeps its own staff id and says its organisation.
      for (Report part : report.organisations()) {
        Optional<String> org = part.organisation().map(Report.Label::id);
        for (Finding f : part.findings()) {
          finding(g, f, comparison.isPresent()
              ? Optional.of(part.comparison().map(c -> c.status(f)).orElse("new"))
              : Optional.empty(), org);
        }
      }
    } else {
      for (Finding f : report.findings()) {
        finding(g, f, comparison.map(c -> c.status(f)), Optional.empty());
      }
    }
    g.writeEndArray();
    if (comparison.isPresent()) {
      g.writeArrayFieldStart("resolved");
      if (report.isPlatform()) {
        for (Report part : report.organisations()) {
          Optional<String> org = part.organisation().map(Report.Label::id);
          for (Finding f : part.comparison().map(Baseline.Comparison::resolved)
              .orElse(java.util.List.of())) {
            finding(g, f, Optional.empty(), org);
          }
        }
      } else {
        for (Finding f : comparison.get().resolved()) {
          finding(g, f, Optional.empty(), Optional.empty());
        }
      }
      g.writeEndArray();
    }
    if (report.isPlatform()) {
      g.writeArrayFieldStart("organisations");
      for (Report part : report.organisations()) {
        g.writeStartObject();
        g.writeStringField("id", part.organisation().orElseThrow().id());
        g.writeStringField("name", part.organisation().orElseThrow().name());
        summary(g, part.result());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void summary(JsonGenerator g, CheckResult r) throws IOException {
    g.writeObjectFieldStart("summary");
    g.writeNumberField("people", r.people());
    g.writeNumberField("errors", r.errors());
    g.writeNumberField("warnings", r.warnings());
    g.writeBooleanField("compliant", r.compliant());
    g.writeArrayFieldStart("incomplete");
    for (String item : r.incomplete()) {
      g.writeString(item);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void finding(JsonGenerator g, Finding f, Optional<String> status,
      Optional<String> organisation) throws IOException {
    g.writeStartObject();
    g.writeStringField("rule", f.rule());
    g.writeStringField("severity", f.severity().key());
    g.writeStringField("staff", f.staffId());
    g.writeStringField("extension", f.extension());
    g.writeStringField("message", f.message());
    if (organisation.isPresent()) {
      g.writeStringField("organisation", organisation.get());
    }
    if (status.isPresent()) {
      g.writeStringField("status", status.get());
    }
    g.writeEndObject();
  }
}
