package se.vaxel.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import se.vaxel.compliance.Finding;
import se.vaxel.compliance.Severity;

class JunitFormatterTest {
  @Test
  void everyPersonAndThePbxHaveATestcasePerRulePlusCompleteness() throws Exception {
    Document doc = parse(Format.JUNIT.render(Fixtures.report()));
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    int expected = (Fixtures.names().size() + 1) * Fixtures.RULES.size() + 1;

    assertEquals(expected, doc.getElementsByTagName("testcase").getLength());
    assertEquals(Integer.toString(expected), suite.getAttribute("tests"));
    assertEquals("5", suite.getAttribute("failures"));
    assertEquals("1", suite.getAttribute("errors"));
    assertEquals(5, doc.getElementsByTagName("failure").getLength());
    assertEquals(1, doc.getElementsByTagName("error").getLength());
    Element asa = testcase(doc, "asa.oberg", "MAILBOX-FULL");
    assertEquals(0, asa.getChildNodes().getLength(), "a rule that found nothing passes");
  }

  @Test
  void warningsFailWithTheirOwnType() throws Exception {
    Document doc = parse(Format.JUNIT.render(Fixtures.report()));

    Element failure = child(testcase(doc, "anna.berg", "VM-NAME"), "failure");
    assertEquals("warning", failure.getAttribute("type"));
    assertTrue(failure.getAttribute("message").startsWith("warning: Anna Berg, ext. 2102: "));
    assertEquals("error", child(testcase(doc, "pbx", "DIALPLAN-STALE"), "failure")
        .getAttribute("type"));
  }

  @Test
  void anIncompleteCheckIsAnErrorAndACompleteOnePasses() throws Exception {
    Element incomplete = testcase(parse(Format.JUNIT.render(Fixtures.report())),
        "pbx", JunitFormatter.COMPLETE);
    Element complete = testcase(parse(Format.JUNIT.render(Fixtures.report(List.of(), List.of()))),
        "pbx", JunitFormatter.COMPLETE);

    assertEquals("Could not check: " + Fixtures.INCOMPLETE + "\n",
        child(incomplete, "error").getTextContent());
    assertEquals(0, complete.getChildNodes().getLength());
  }

  @Test
  void severalFindingsOfOneRuleAreOneFailure() throws Exception {
    Finding other = new Finding("VM-ORPHAN", Severity.WARNING, null, "2198", "another orphan");

    Document doc = parse(Format.JUNIT.render(
        Fixtures.report(List.of(Fixtures.ORPHAN, other), List.of())));

    Element failure = child(testcase(doc, "pbx", "VM-ORPHAN"), "failure");
    assertEquals("warning: 2 findings", failure.getAttribute("message"));
    assertEquals("warning VM-ORPHAN: ext. 2199: " + Fixtures.ORPHAN.message() + "\n"
        + "warning VM-ORPHAN: ext. 2198: another orphan\n",
        failure.getTextContent());
  }

  @Test
  void anyTextIsEscapedAndSurvivesTheParser() throws Exception {
    String awkward = "<&>\"' ]]> a\nb Åsa";
    Finding f = new Finding("VM-NAME", Severity.WARNING, "asa.oberg", "2104",
        awkward + " \u0001 \uD800");

    String xml = Format.JUNIT.render(Fixtures.report(List.of(f), List.of(awkward)));
    Document doc = parse(xml);

    Element failure = child(testcase(doc, "asa.oberg", "VM-NAME"), "failure");
    // An attribute is one line: its line break is written as a space, not left to the parser.
    assertEquals("warning: Åsa Öberg, ext. 2104: " + awkward.replace('\n', ' ')
        + " \uFFFD \uFFFD", failure.getAttribute("message"));
    assertEquals("Could not check: " + awkward + "\n",
        child(testcase(doc, "pbx", JunitFormatter.COMPLETE), "error").getTextContent());
  }

  @Test
  void theSuiteSaysWhenTheCheckRanAndHowLongItTook() throws Exception {
    Presentation p = new Presentation(se.vaxel.model.Language.SV,
        java.time.ZoneId.of("Europe/Stockholm"), new se.vaxel.render.Templates(
            java.util.Optional.empty()), java.util.Optional.of(java.time.Duration.ofMillis(12345)),
        java.util.Map.of());
    Document doc = parse(Format.JUNIT.render(Fixtures.report(), p));

    Element suites = doc.getDocumentElement();
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    assertEquals("12.345", suites.getAttribute("time"));
    assertEquals("12.345", suite.getAttribute("time"));
    // ISO 8601, to the second, as the Ant schema's timestamp has it (UTC, no zone).
    assertEquals(Fixtures.report().result().checkedAt().toString().replace("Z", ""),
        suite.getAttribute("timestamp"));
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static Element testcase(Document doc, String classname, String name) {
    NodeList cases = doc.getElementsByTagName("testcase");
    List<Element> found = new ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element e = (Element) cases.item(i);
      if (e.getAttribute("classname").equals(classname) && e.getAttribute("name").equals(name)) {
        found.add(e);
      }
    }
    assertEquals(1, found.size(), classname + "/" + name);
    return found.get(0);
  }

  private static Element child(Element parent, String tag) {
    NodeList children = parent.getElementsByTagName(tag);
    assertEquals(1, children.getLength(), tag);
    return (Element) children.item(0);
  }
}
