package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;

import feedwright.config.BodyRules;
import feedwright.config.BodyRules.MarkerMode;
import feedwright.problem.Problem;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The joining rules of {@link WholeBody} on small bodies: one rule per test. Bodies start at line 10. */
class WholeBodyTest {

    private static final BodyRules JOIN = new BodyRules("---END---", MarkerMode.JOIN, true);
    private static final int BODY_LINE = 10;

    @Test
    void aSentenceRestartedInTheNextChunkIsPublishedOnceInFull() {
        WholeBody.Result result = publish(JOIN, """
                Intro.

                Japan's engineering will carry the world's AI
                ---END---
                Japan's engineering will carry the world's AI infrastructure.

                The end.
                """);

        assertThat(result.markdown()).isEqualTo(
                "Intro.\n\nJapan's engineering will carry the world's AI infrastructure.\n\nThe end.\n");
        assertThat(result.problems()).map(Problem::toString).containsExactly("posts/x.md:13:1: info: 2 generation "
                + "chunks joined; the sentence cut at line 12 restarted in full at line 14");
    }

    @Test
    void aContinuationOverlappingTheCutIsJoinedToIt() {
        WholeBody.Result result = publish(JOIN, "The answer lies in the cooling lo\n\n---END---\n\ncooling loop design.\n");

        assertThat(result.markdown()).isEqualTo("The answer lies in the cooling loop design.\n");
        assertThat(result.problems()).map(Problem::toString).containsExactly("posts/x.md:12:1: info: 2 generation "
                + "chunks joined; the sentence cut at line 10 completed from line 14");
    }

    @Test
    void aContinuationMayStartWithAnEllipsisAfterARule() {
        String ascii = publish(JOIN, "そしてその恩恵が広く行き渡\n---END---\n---\n\n...そしてその恩恵が広く行き渡るのか、という問い。\n")
                .markdown();
        String unicode = publish(JOIN, "その恩恵が広く行き渡\n---END---\n…広く行き渡るのか、という問い。\n").markdown();

        assertThat(ascii).isEqualTo("そしてその恩恵が広く行き渡るのか、という問い。\n\n---\n");
        assertThat(unicode).isEqualTo("その恩恵が広く行き渡るのか、という問い。\n");
    }

    @Test
    void aLaterCopyOfAJoinedContinuationIsARepeat() {
        WholeBody.Result result = publish(JOIN, "その恩恵が広く行き渡\n---END---\n...行き渡るのか。\n\n新しい段落。\n"
                + "---END---\n...行き渡るのか。\n");

        assertThat(result.markdown()).isEqualTo("その恩恵が広く行き渡るのか。\n\n新しい段落。\n");
        assertThat(result.problems()).map(Problem::toString).containsExactly("posts/x.md:11:1: info: 3 generation "
                + "chunks joined; 1 repeated paragraph dropped; the sentence cut at line 10 completed from line 12");
    }

    @Test
    void aContinuationThatIsCutInTurnIsCompletedFromTheChunkAfterIt() {
        WholeBody.Result result = publish(JOIN, "The answer lies in the cool\n---END---\n...cooling loop and its pu\n"
                + "---END---\n...its pump design.\n");

        assertThat(result.markdown()).isEqualTo("The answer lies in the cooling loop and its pump design.\n");
        assertThat(result.problems()).map(Problem::toString).containsExactly("posts/x.md:11:1: info: 3 generation "
                + "chunks joined; the sentence cut at line 10 completed from line 12; the sentence cut at line 12 "
                + "completed from line 14");
    }

    @Test
    void aShortOverlapWithoutAnEllipsisIsNotAJoin() {
        WholeBody.Result result = publish(JOIN, "We went to\n---END---\nto be or not.\n");

        assertThat(result.markdown()).isEqualTo("We went to\n\nto be or not.\n");
        assertThat(result.problems()).map(Problem::toString).containsExactly(
                "posts/x.md:11:1: warning: sentence cut before the end marker and not completed by the next chunk "
                        + "(line 12): '…We went to'",
                "posts/x.md:11:1: info: 2 generation chunks joined");
    }

    @Test
    void aChunkOfPureRepeatsAddsNothing() {
        WholeBody.Result result = publish(JOIN, "First.\n\n- an item.\n- another.\n---END---\nFirst.\n\n- an item.\n"
                + "---END---\n");

        assertThat(result.markdown()).isEqualTo("First.\n\n- an item.\n- another.\n");
        assertThat(result.problems()).map(Problem::toString).containsExactly("posts/x.md:14:1: info: 2 generation "
                + "chunks joined; 2 repeated paragraphs dropped");
    }

    @Test
    void repeatsAreKeptWhenDroppingIsOff() {
        BodyRules keep = new BodyRules("---END---", MarkerMode.JOIN, false);

        assertThat(publish(keep, "First.\n---END---\nFirst.\n").markdown()).isEqualTo("First.\n\nFirst.\n");
    }

    @Test
    void aTrailingMarkerUnderAHeadingIsNoCutSentenceWhenNothingIsCompared() {
        BodyRules keep = new BodyRules("---END---", MarkerMode.JOIN, false);
        WholeBody.Result result = publish(keep, "Intro.\n\n**Outlook**\n\n### Next\n---END---\n\n");

        assertThat(result.markdown()).isEqualTo("Intro.\n\n**Outlook**\n\n### Next\n");
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void rulesCodeAndHeadingsOverNewTextAreNeverRepeats() {
        String body = """
                ## Outlook

                Old text.

                ---

                ```
                same code
                ```
                ---END---
                ## Outlook

                New text.

                ---

                ```
                same code
                ```
                """;

        assertThat(publish(JOIN, body).markdown()).isEqualTo(body.replace("---END---", ""));
    }

    @Test
    void aRepeatedHeadingGoesWithTheRepeatedParagraphOpeningItsSection() {
        WholeBody.Result result = publish(JOIN, """
                **Outlook**

                Old text.
                ---END---
                **Outlook**

                Old text.

                A new closing thought.
                """);

        assertThat(result.markdown()).isEqualTo("**Outlook**\n\nOld text.\n\nA new closing thought.\n");
        assertThat(result.problems()).map(Problem::toString).containsExactly("posts/x.md:13:1: info: 2 generation "
                + "chunks joined; 1 repeated paragraph and 1 repeated heading dropped");
    }

    @Test
    void repeatsAreComparedWithWhitespaceNormalised() {
        assertThat(publish(JOIN, "A  long\nparagraph.\n\nA long paragraph.\n").markdown()).isEqualTo("A  long\nparagraph.\n");
    }

    @Test
    void aMarkerInsideCodeIsContent() {
        String fenced = "Before.\n\n```text\n---END---\n```\n\nAfter.\n";
        String indented = "Before.\n\n    ---END---\n\nAfter.\n";

        assertThat(publish(JOIN, fenced).markdown()).isEqualTo(fenced);
        assertThat(publish(JOIN, indented).markdown()).isEqualTo(indented);
        assertThat(publish(JOIN, fenced).problems()).isEmpty();
    }

    @Test
    void aMarkerMayHaveSpacesAroundItAndEndTheFileWithoutANewline() {
        assertThat(publish(JOIN, "First.\n---END---   \nSecond.\n").markdown()).isEqualTo("First.\n\nSecond.\n");
        assertThat(publish(JOIN, "Only.\n---END---").markdown()).isEqualTo("Only.\n");
    }

    @Test
    void aBodyOfOnlyMarkersPublishesNothing() {
        WholeBody.Result result = publish(JOIN, "---END---\n\n---END---\n");

        assertThat(result.markdown()).isBlank();
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void cutModeKeepsOnlyTheFirstChunkAndWarnsOfItsCutSentence() {
        BodyRules cut = new BodyRules("---END---", MarkerMode.CUT, false);
        WholeBody.Result result = publish(cut, "Intro.\n\nand the reason is that\n---END---\nthat it works.\n");

        assertThat(result.markdown()).isEqualTo("Intro.\n\nand the reason is that\n");
        assertThat(result.problems()).map(Problem::toString).containsExactly(
                "posts/x.md:13:1: warning: body ends mid-sentence before the end marker: '…d the reason is that'");
    }

    @Test
    void aFirstParagraphThatRepeatsTheTitleIsLeftOut() {
        WholeBody whole = WholeBody.of("posts/x.md", "# 北海道の構想\n\n本文。\n", BODY_LINE, JOIN, "北海道の構想");

        assertThat(whole.leadLine()).isEqualTo("北海道の構想");
        assertThat(whole.publish("北海道の構想").markdown()).isEqualTo("本文。\n");
        assertThat(whole.publish("北海道の構想").problems()).map(Problem::toString).containsExactly(
                "posts/x.md:10:1: info: the first paragraph (line 10) repeats the title and is left out");
        assertThat(whole.publish("Another title").markdown()).isEqualTo("# 北海道の構想\n\n本文。\n");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aOneMegabytePostOfFiveThousandChunksIsRepairedInLinearTime() {
        StringBuilder body = new StringBuilder();
        for (int chunk = 0; chunk < 5_000; chunk++) {
            // Every chunk: a repeated paragraph, a new one, and a sentence the next chunk continues.
            body.append("A paragraph every retry writes again, word for word.\n\n")
                    .append("Chunk ").append(chunk).append(" says something new. ".repeat(4)).append("\n\n")
                    .append("cooling loop design number ").append(chunk).append(" is cut mid-sen\n---END---\n")
                    .append("mid-sentence here.\n\n");
        }
        assertThat(body.length()).isGreaterThan(1_000_000);

        WholeBody.Result result = publish(JOIN, body.toString());

        assertThat(result.markdown()).containsOnlyOnce("A paragraph every retry writes again")
                .contains("Chunk 4999 says something new.")
                .contains("cooling loop design number 4999 is cut mid-sentence here.")
                .doesNotContain("---END---");
        assertThat(result.problems()).singleElement().extracting(Problem::message).asString()
                .startsWith("5001 generation chunks joined; 4999 repeated paragraphs dropped; the sentence cut at line 14 "
                        + "completed from line 16; ").endsWith("; and 4997 more cut sentences");
    }

    private static WholeBody.Result publish(BodyRules rules, String body) {
        String title = "A title no body line repeats";
        return WholeBody.of("posts/x.md", body, BODY_LINE, rules, title).publish(title);
    }
}
