package dev.pulse.survey.catalogue;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The questionnaire in the caller's language (Accept-Language, English fallback). */
@Path("/api/catalogue")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class CatalogueResource {
    private final Catalogue catalogue;

    public CatalogueResource(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public record DimensionView(String id, String label) {
    }

    public record ItemView(String id, String dimension, boolean reverse, boolean anchor, String text) {
    }

    @GET
    @Path("/dimensions")
    @Operation(summary = "Dimensions of the questionnaire")
    public List<DimensionView> dimensions(@Context HttpHeaders headers) {
        String lang = Catalogue.language(headers.getAcceptableLanguages());
        return catalogue.dimensions().stream().map(d -> new DimensionView(d.id(), d.label(lang))).toList();
    }

    @GET
    @Path("/items")
    @Operation(summary = "Items of the current catalogue version")
    public List<ItemView> items(@Context HttpHeaders headers) {
        String lang = Catalogue.language(headers.getAcceptableLanguages());
        return catalogue.items().stream()
                .map(i -> new ItemView(i.id(), i.dimension(), i.reverse(), i.anchor(), i.text(lang))).toList();
    }
}
