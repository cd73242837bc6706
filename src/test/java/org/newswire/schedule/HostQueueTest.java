package org.newswire.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostQueueTest {

  @Test
  void firstComeFirstServedPerHostBoundedInAll() {
    HostQueue<String> q = new HostQueue<>(3);
    assertThat(q.offer("ria.ru", "r1")).isTrue();
    assertThat(q.offer("tass.ru", "t1")).isTrue();
    assertThat(q.offer("ria.ru", "r2")).isTrue();
    assertThat(q.offer("ria.ru", "r3")).as("full").isFalse();
    assertThat(q.size()).isEqualTo(3);

    assertThat(q.next("ria.ru")).contains("r1");
    assertThat(q.remove("ria.ru", "r1")).as("already taken").isFalse();
    assertThat(q.remove("tass.ru", "t1")).isTrue();
    assertThat(q.next("tass.ru")).isEmpty();
    assertThat(q.next("ria.ru")).contains("r2");
    assertThat(q.next("ria.ru")).isEmpty();
    assertThat(q.size()).isZero();
    assertThat(q.offer("ria.ru", "r3")).isTrue();
  }
}
