package se.vaxel.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UserEventDispatcherTest {

  private final UserEventDispatcher dispatcher = new UserEventDispatcher();
  private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

  @AfterEach
  void close() {
    dispatcher.close();
  }

  private static Map<String, String> event(String name, String extension) {
    return Map.of("event", "UserEvent", "userevent", name, "extension", extension);
  }

  @Test
  void listenersRunOffTheCallingThreadAndMatchNamesCaseInsensitively() throws Exception {
    dispatcher.subscribe("VaxelRang", e -> seen.add(Thread.currentThread().getName()));
    dispatcher.accept(event("vaxelrang", "2101"));
    String thread = seen.poll(5, TimeUnit.SECONDS);
    assertEquals("vaxel-ami-user-events", thread);
    assertNotEquals(Thread.currentThread().getName(), thread);
  }

  @Test
  void otherEventNamesAreNotDelivered() throws Exception {
    dispatcher.subscribe("VaxelRang", e -> seen.add(e.get("extension")));
    dispatcher.accept(event("SomethingElse", "1"));
    dispatcher.accept(event("VaxelRang", "2"));
    assertEquals("2", seen.poll(5, TimeUnit.SECONDS));
    assertNull(seen.poll(100, TimeUnit.MILLISECONDS));
  }

  @Test
  void aClosedSubscriptionHearsNothingMore() throws Exception {
    AmiClient.Subscription subscription =
        dispatcher.subscribe("VaxelRang", e -> seen.add(e.get("extension")));
    dispatcher.accept(event("VaxelRang", "1"));
    assertEquals("1", seen.poll(5, TimeUnit.SECONDS));
    subscription.close();
    dispatcher.accept(event("VaxelRang", "2"));
    assertNull(seen.poll(200, TimeUnit.MILLISECONDS));
  }

  @Test
  void aFailingListenerDoesNotSilenceTheOthers() throws Exception {
    dispatcher.subscribe(
        "VaxelRang",
        e -> {
          throw new IllegalStateException("listener bug");
        });
    dispatcher.subscribe("VaxelRang", e -> seen.add(e.get("extension")));
    dispatcher.accept(event("VaxelRang", "1"));
    dispatcher.accept(event("VaxelRang", "2"));
    assertEquals("1", seen.poll(5, TimeUnit.SECONDS));
    assertEquals("2", seen.poll(5, TimeUnit.SECONDS));
  }

  @Test
  void eventsAfterCloseAreDroppedQuietly() {
    dispatcher.subscribe("VaxelRang", e -> seen.add(e.get("extension")));
    dispatcher.close();
    dispatcher.accept(event("VaxelRang", "1"));
    assertEquals(0, seen.size());
  }
}
