package dev.sts.core.protocol;

import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class XmlWriterTest {

    @Test
    void replacesEveryCharacterXmlForbidsAndKeepsTheOnesItAllows() {
        String forbidden = "a\u0000b\u0001c\u000Bd\uFFFEe\uFFFFf\uD800g\uDC00h";
        String allowed = "tab\tlf\ncr\r latin-1 é ß ÿ, CJK 漢字, emoji \uD83D\uDE00, U+FFFD \uFFFD, U+E000 \uE000";

        String xml = new XmlWriter().start("Root").element("Forbidden", forbidden).element("Allowed", allowed).end("Root").toString();

        assertThat(xml).contains("<Forbidden>a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh</Forbidden>");
        assertThat(xml).contains("<Allowed>" + allowed + "</Allowed>");
        assertThatCode(() -> parse(xml)).doesNotThrowAnyException();
    }

    /** Property: whatever UTF-16 units a value holds, the document parses and markup stays escaped. */
    @Test
    void anyStringGivesAParseableDocument() throws Exception {
        Random random = new Random(9L);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int j = random.nextInt(40); j > 0; j--) {
                int pick = random.nextInt(6);
                value.append(switch (pick) {
                    case 0 -> (char) random.nextInt(0x20);
                    case 1 -> (char) (0xD800 + random.nextInt(0x800));
                    case 2 -> (char) (0xFFF0 + random.nextInt(16));
                    case 3 -> "<&>\"'".charAt(random.nextInt(5));
                    default -> (char) random.nextInt(0x10000);
                });
            }
            String xml = new XmlWriter().start("Root").element("Value", value.toString()).end("Root").toString();
            assertThat(parse(xml).getDocumentElement().getElementsByTagName("Value").getLength()).isEqualTo(1);
        }
    }

    private static org.w3c.dom.Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
