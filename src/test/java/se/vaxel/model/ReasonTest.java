package se.vaxel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReasonTest {
  @Test
  void sicknessIsDisclosedAsAnnatAndEveryOtherReasonAsItself() {
    assertEquals(Reason.ANNAT, Reason.SJUK.disclosed());
    for (Reason r : Reason.values()) {
      if (r != Reason.SJUK) {
        assertEquals(r, r.disclosed());
      }
    }
  }
}
