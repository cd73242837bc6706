package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The searched text holds each body once, however many fields repeat it. */
class ItemChangesTextTest {
  private static final String LEAD = "В Бишкеке открылся новый мост через Аламедин.";
  private static final String FULL = LEAD + "\nСтроительство заняло два года, сообщили в мэрии.";

  @Test
  void aLeadRepeatedInTheContentIsSearchedOnce() {
    String text = ItemChanges.text("Новый мост", LEAD, FULL, null);
    assertThat(text).isEqualTo("Новый мост\n" + FULL + "\n");
  }

  @Test
  void equalBodiesOnceAndDifferentOnesAll() {
    assertThat(ItemChanges.text("Т", FULL, FULL, FULL)).isEqualTo("Т\n" + FULL + "\n");
    String other = "Мэрия также объявила о ремонте улицы Токтогула.";
    assertThat(ItemChanges.text(null, LEAD, other, "  "))
        .isEqualTo(LEAD + "\n" + other + "\n");
  }

  @Test
  void aPartThatIsNotABeginningIsKept() {
    // Not the lead of the other body: both are searched. (Were the part looked for anywhere in
    // the other, this pair alone would cost about 10^11 character comparisons.)
    String part = "а".repeat(100_000) + "б";
    String body = "а".repeat(1_000_000);
    assertThat(ItemChanges.text("Т", part, body, null))
        .isEqualTo("Т\n" + part + "\n" + body + "\n");
  }
}
