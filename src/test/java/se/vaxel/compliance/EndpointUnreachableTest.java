package se.vaxel.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointUnreachableTest {
  private final Rule rule = new EndpointUnreachable();

  @Test
  void presentPersonsUnreachablePhoneIsReported() {
    Fixture f = Fixture.compliant();
    f.endpoints.put("2102", false);

    assertEquals(List.of(new Finding("ENDPOINT-UNREACHABLE", Severity.WARNING, "anna.berg",
        "2102", "device PJSIP/2102 has no reachable contact: calls go straight to voicemail")),
        f.check(rule));
  }

  @Test
  void reachablePhonesAreCompliant() {
    assertEquals(List.of(), Fixture.compliant().check(rule));
  }

  @Test
  void phoneOfSomeoneAwayIsNotJudged() {
    Fixture f = Fixture.compliant();
    f.endpoints.put("2101", false);

    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void endpointsThatCouldNotBeListedJudgeNobody() {
    Fixture f = Fixture.compliant();
    f.endpoints = null;

    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void extensionMissingFromTheEndpointListIsNotJudged() {
    Fixture f = Fixture.compliant();
    f.endpoints.remove("2102");

    assertEquals(List.of(), f.check(rule));
  }
}
