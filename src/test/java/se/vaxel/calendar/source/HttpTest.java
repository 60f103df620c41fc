package se.vaxel.calendar.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HttpTest {
  @Test
  void aReadThatMeetsAConnectionClosedUnderItIsSentAgain() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (TestServer server = new TestServer()) {
      server.on("/cal/", ex -> {
        if (calls.incrementAndGet() == 1) {
          return; // closed without a byte of answer, as a server dropping a kept-alive one
        }
        TestServer.send(ex, 207, "application/xml", "<multistatus xmlns=\"DAV:\"/>");
      });
      Http http = new Http(Duration.ofSeconds(5), null, null);
      Http.Response r = http.send("REPORT", URI.create(server.url("/cal/")), Map.of(), "<x/>",
          1024, "too large");
      assertEquals(207, r.status());
      assertEquals(2, calls.get());
      assertEquals(2, http.requests());
      assertEquals(1, http.resends());
    }
  }

  @Test
  void aServerThatNeverAnswersIsNotAskedForEver() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (TestServer server = new TestServer()) {
      server.on("/cal/", ex -> calls.incrementAndGet());
      Http http = new Http(Duration.ofSeconds(5), null, null);
      SourceProblem p = assertThrows(SourceProblem.class, () -> http.send("PROPFIND",
          URI.create(server.url("/cal/")), Map.of(), "<x/>", 1024, "too large"));
      assertEquals("the server closed the connection without an answer, 4 times; the next sync "
          + "tries again", p.getMessage());
      assertEquals(1 + Http.RESENDS, calls.get());
    }
  }

  @Test
  void redirectsEndAfterFive() throws Exception {
    try (TestServer server = new TestServer()) {
      server.on("/loop", ex -> {
        ex.getResponseHeaders().set("Location", "/loop");
        TestServer.send(ex, 302, null, "");
      });
      Http http = new Http(Duration.ofSeconds(5), null, null);
      SourceProblem p = assertThrows(SourceProblem.class, () -> http.send("GET",
          URI.create(server.url("/loop")), Map.of(), null, 1024, "too large"));
      assertEquals("more than 5 redirects; put the final address in the configuration",
          p.getMessage());
    }
  }
}
