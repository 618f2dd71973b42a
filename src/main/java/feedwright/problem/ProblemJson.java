package feedwright.problem;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** The JSON form of a problem, shared by {@code check --format json} and {@code /healthz}. */
public final class ProblemJson {

    private ProblemJson() {
    }

    public static void write(JsonGenerator json, Problem problem) throws IOException {
        json.writeStartObject();
        json.writeStringField("file", problem.file());
        json.writeNumberField("line", problem.line());
        json.writeNumberField("column", problem.column());
        json.writeStringField("severity", problem.severity().label());
        json.writeStringField("message", problem.message());
        json.writeEndObject();
    }
}
