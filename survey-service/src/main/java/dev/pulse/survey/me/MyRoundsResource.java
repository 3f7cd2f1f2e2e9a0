package dev.pulse.survey.me;

import dev.pulse.survey.ballot.SubjectHasher;
import dev.pulse.survey.catalogue.Catalogue;
import dev.pulse.survey.db.Sql;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The open rounds of the caller, in their language, with the key of their reporting unit. */
@Path("/api/me/rounds")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class MyRoundsResource {
    private final DataSource db;
    private final SubjectHasher hasher;
    private final Catalogue catalogue;
    private final JsonWebToken jwt;

    public MyRoundsResource(DataSource db, SubjectHasher hasher, Catalogue catalogue, JsonWebToken jwt) {
        this.db = db;
        this.hasher = hasher;
        this.catalogue = catalogue;
        this.jwt = jwt;
    }

    public record ItemView(String id, String dimension, String text) {
    }

    public record MyRound(UUID roundId, UUID campaignId, String campaign, String unitId, String unitPath, String keyId,
                          Instant closesAt, boolean ballotIssued, List<ItemView> items, List<String> scale) {
    }

    private record OpenRound(UUID id, UUID campaignId, String campaign, Instant closesAt, String items) {
    }

    @GET
    @Operation(summary = "Open rounds for the caller")
    public List<MyRound> myRounds(@Context HttpHeaders headers) {
        String lang = Catalogue.language(headers.getAcceptableLanguages());
        List<OpenRound> open = Sql.list(db, "select r.id, r.campaign_id, c.name, r.closes_at, r.items from round r "
                        + "join campaign c on c.id = r.campaign_id where r.status = 'OPEN' order by r.closes_at",
                rs -> new OpenRound(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5)));
        List<MyRound> mine = new ArrayList<>();
        for (OpenRound round : open) {
            Sql.one(db, "select r.reporting_unit_id, u.unit_path, k.key_id, r.ballot_issued from roster r "
                            + "join round_unit u on u.round_id = r.round_id and u.unit_id = r.reporting_unit_id "
                            + "join round_key k on k.round_id = r.round_id and k.unit_id = r.reporting_unit_id "
                            + "where r.round_id = ? and r.subject_hash = ?",
                    rs -> new MyRound(round.id(), round.campaignId(), round.campaign(), rs.getString(1), rs.getString(2),
                            rs.getString(3), round.closesAt(), rs.getBoolean(4), items(round.items(), lang),
                            catalogue.scale().getOrDefault(lang, catalogue.scale().get(Catalogue.DEFAULT_LANGUAGE))),
                    round.id(), hasher.hash(round.id(), jwt.getSubject())).ifPresent(mine::add);
        }
        return mine;
    }

    private List<ItemView> items(String json, String lang) {
        return dev.pulse.survey.round.RoundItems.parse(json).stream()
                .map(id -> catalogue.item(id).orElseThrow())
                .map(i -> new ItemView(i.id(), i.dimension(), i.text(lang))).toList();
    }
}
