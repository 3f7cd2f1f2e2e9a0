package dev.pulse.analytics.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void values_with_commas_quotes_or_line_breaks_are_quoted() {
        String csv = new Csv("a", "b", "c", "d", "e", "f")
                .row("a", "b,c", "say \"hi\"", "x\ny", null, new BigDecimal("1.50")).toString();
        assertEquals("a,b,c,d,e,f\r\na,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\",,1.50\r\n", csv);
    }

    @Test
    void text_a_spreadsheet_would_run_as_a_formula_is_defused() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", Csv.escape("=HYPERLINK(\"x\")"));
        assertEquals("'+1", Csv.escape("+1"));
        assertEquals("'@sum", Csv.escape("@sum"));
        assertEquals("-1", Csv.escape(-1), "numbers are numbers");
    }

    @Test
    void every_row_has_as_many_values_as_the_header() {
        assertThrows(IllegalArgumentException.class, () -> new Csv("a", "b").row("only one"));
    }

    @Test
    void a_suppressed_cell_says_suppressed_and_has_no_numbers_in_csv() {
        UUID round = UUID.randomUUID();
        var view = new ResultsView(round, "CLOSED", 5, List.of(
                new ResultsView.SuppressedUnit("u-log", "/logistics", "fewer than 5 respondents"),
                new ResultsView.VisibleUnit("u-asm", "/production/assembly", 6,
                        List.of(new ResultsView.SuppressedItem("s.1", "security", "fewer than 5 respondents"),
                                new ResultsView.VisibleItem("c.1", "control", 6, false, new BigDecimal("3.50"),
                                        Map.of("1", 1L, "2", 0L, "3", 2L, "4", 2L, "5", 1L), new BigDecimal("0.500"), null)),
                        List.of(new ResultsView.SuppressedDimension("security", "fewer than 5 respondents")))));
        List<String> lines = CsvReports.results(view).lines().toList();
        assertEquals("roundId,unitId,unitPath,cell,itemId,dimension,status,n,mean,favourable,score1,score2,score3,score4,"
                + "score5,delta,reason", lines.get(0));
        assertEquals(round + ",u-log,/logistics,unit,,,suppressed,,,,,,,,,,fewer than 5 respondents", lines.get(1));
        assertEquals(round + ",u-asm,/production/assembly,unit,,,shown,6,,,,,,,,,", lines.get(2));
        assertEquals(round + ",u-asm,/production/assembly,item,s.1,security,suppressed,,,,,,,,,,fewer than 5 respondents",
                lines.get(3));
        assertEquals(round + ",u-asm,/production/assembly,item,c.1,control,shown,6,3.50,0.500,1,0,2,2,1,,", lines.get(4));
        assertEquals(round + ",u-asm,/production/assembly,dimension,,security,suppressed,,,,,,,,,,fewer than 5 respondents",
                lines.get(5));
    }

    @Test
    void a_suppressed_heatmap_row_says_suppressed_in_every_number_column() {
        var view = new HeatmapView(UUID.randomUUID(), "CLOSED", 5, List.of("control", "security"), List.of(
                new HeatmapView.SuppressedRow("u-log", "/logistics", true, "fewer than 5 respondents")));
        assertEquals(List.of("unitId,unitPath,n,control,security", "u-log,/logistics,suppressed,suppressed,suppressed"),
                CsvReports.heatmap(view).lines().toList());
    }
}
