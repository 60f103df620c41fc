package se.vaxel.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NearestTest {
  @Test
  void aSwapOfNeighbouringLettersIsOneEdit() {
    assertEquals(1, Nearest.distance("frist-name", "first-name"));
    assertEquals(1, Nearest.distance("kalle", "calle"));
    assertEquals(0, Nearest.distance("same", "same"));
  }

  @Test
  void suggestsOnlyWhatIsCloseEnough() {
    assertEquals(Optional.of("first-name"),
        Nearest.to("Frist-name", List.of("last-name", "first-name")));
    assertEquals(Optional.empty(), Nearest.to("zzzz", List.of("first-name", "email")));
  }
}
