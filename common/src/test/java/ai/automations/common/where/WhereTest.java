package ai.automations.common.where;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.event.ArtifactEventData;

/** Each operator, combinator, field and limit of {@link Where}, on events that must and must not pass. */
class WhereTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ArtifactEventData CANDIDATE = artifact("candidate", null, List.of("latest", "candidate"),
            List.of("vision"), Map.of("accuracy", 0.93, "eval", Map.of("split", "test", "n", 500), "name", "resnet"));
    private static final ArtifactEventData STAGING = artifact("staging", null, List.of("staging"), List.of(),
            Map.of("accuracy", 0.71));

    static ArtifactEventData artifact(String alias, String tag, List<String> aliases, List<String> tags,
            Map<String, Object> metadata) {
        return new ArtifactEventData("acme", null, "model", "detector", "c1", "model", "a1", "model", "v0", 0,
                "acme/model/detector:v0", "sha", alias, tag, "alice", null, metadata, "fraud", "detector",
                "acme/fraud/detector:v0", aliases, tags, List.of("prod", "vision"));
    }

    static Where artifactWhere(String json) throws Exception {
        return Where.compile(JSON.readTree(json), WhereField.ARTIFACT);
    }

    static boolean passes(String json, ArtifactEventData data) throws Exception {
        return artifactWhere(json).test(WhereSubjects.artifact(data));
    }

    static boolean run(String json, String name, String user, List<String> tags, Map<String, Object> config)
            throws Exception {
        return Where.compile(JSON.readTree(json), WhereField.RUN).test(WhereSubjects.run(name, user, tags, config));
    }

    @Test
    void eqMatchesTheValueOrAnElementOfAList() throws Exception {
        assertThat(passes("{\"alias\":{\"$eq\":\"candidate\"}}", CANDIDATE)).isTrue();
        assertThat(passes("{\"alias\":{\"$eq\":\"candidate\"}}", STAGING)).isFalse();
        assertThat(passes("{\"alias\":\"candidate\"}", CANDIDATE)).isTrue();
        assertThat(passes("{\"aliases\":{\"$eq\":\"candidate\"}}", CANDIDATE)).isTrue();
        assertThat(passes("{\"metadata.accuracy\":{\"$eq\":0.93}}", CANDIDATE)).isTrue();
        assertThat(passes("{\"metadata.eval.n\":500}", CANDIDATE)).isTrue();
        assertThat(passes("{\"metadata.eval.n\":\"500\"}", CANDIDATE)).isFalse();
    }

    @Test
    void neIsFalseOnAnAbsentField() throws Exception {
        assertThat(passes("{\"alias\":{\"$ne\":\"candidate\"}}", STAGING)).isTrue();
        assertThat(passes("{\"alias\":{\"$ne\":\"candidate\"}}", CANDIDATE)).isFalse();
        assertThat(passes("{\"tag\":{\"$ne\":\"x\"}}", CANDIDATE)).isFalse();
        assertThat(passes("{\"aliases\":{\"$ne\":\"candidate\"}}", CANDIDATE)).isFalse();
    }

    @Test
    void inAndNin() throws Exception {
        assertThat(passes("{\"alias\":{\"$in\":[\"prod\",\"candidate\"]}}", CANDIDATE)).isTrue();
        assertThat(passes("{\"alias\":{\"$in\":[\"prod\",\"candidate\"]}}", STAGING)).isFalse();
        assertThat(passes("{\"collectionTags\":{\"$in\":[\"prod\"]}}", STAGING)).isTrue();
        assertThat(passes("{\"alias\":{\"$nin\":[\"prod\",\"candidate\"]}}", STAGING)).isTrue();
        assertThat(passes("{\"alias\":{\"$nin\":[\"prod\",\"candidate\"]}}", CANDIDATE)).isFalse();
        assertThat(passes("{\"tag\":{\"$nin\":[\"prod\"]}}", CANDIDATE)).isFalse();
    }

    @Test
    void regexSearchesUnanchoredWithRe2() throws Exception {
        assertThat(passes("{\"alias\":{\"$regex\":\"^cand\"}}", CANDIDATE)).isTrue();
        assertThat(passes("{\"alias\":{\"$regex\":\"^cand\"}}", STAGING)).isFalse();
        assertThat(passes("{\"aliases\":{\"$regex\":\"did\"}}", CANDIDATE)).isTrue();
        assertThat(passes("{\"metadata.accuracy\":{\"$regex\":\"0\"}}", CANDIDATE)).isFalse();
    }

    @Test
    void containsIsMembershipOnAListAndSubstringOnAString() throws Exception {
        assertThat(passes("{\"aliases\":{\"$contains\":\"candidate\"}}", CANDIDATE)).isTrue();
        assertThat(passes("{\"aliases\":{\"$contains\":\"candidate\"}}", STAGING)).isFalse();
        assertThat(passes("{\"aliases\":{\"$contains\":\"cand\"}}", CANDIDATE)).isFalse();
        assertThat(passes("{\"metadata.name\":{\"$contains\":\"net\"}}", CANDIDATE)).isTrue();
        assertThat(passes("{\"metadata.name\":{\"$contains\":\"vgg\"}}", CANDIDATE)).isFalse();
    }

    @Test
    void existsTellsPresenceFromAbsence() throws Exception {
        assertThat(passes("{\"metadata.eval\":{\"$exists\":true}}", CANDIDATE)).isTrue();
        assertThat(passes("{\"metadata.eval\":{\"$exists\":true}}", STAGING)).isFalse();
        assertThat(passes("{\"metadata.eval\":{\"$exists\":false}}", STAGING)).isTrue();
        assertThat(passes("{\"tag\":{\"$exists\":false}}", CANDIDATE)).isTrue();
    }

    @Test
    void orderedComparisonsOnNumbersAndOnStringsButNeverAcross() throws Exception {
        assertThat(passes("{\"metadata.accuracy\":{\"$gt\":0.9}}", CANDIDATE)).isTrue();
        assertThat(passes("{\"metadata.accuracy\":{\"$gt\":0.93}}", CANDIDATE)).isFalse();
        assertThat(passes("{\"metadata.accuracy\":{\"$gte\":0.93}}", CANDIDATE)).isTrue();
        assertThat(passes("{\"metadata.accuracy\":{\"$gte\":0.94}}", CANDIDATE)).isFalse();
        assertThat(passes("{\"metadata.accuracy\":{\"$lt\":0.8}}", STAGING)).isTrue();
        assertThat(passes("{\"metadata.accuracy\":{\"$lt\":0.71}}", STAGING)).isFalse();
        assertThat(passes("{\"metadata.accuracy\":{\"$lte\":0.71}}", STAGING)).isTrue();
        assertThat(passes("{\"metadata.accuracy\":{\"$lte\":0.7}}", STAGING)).isFalse();
        assertThat(passes("{\"alias\":{\"$gt\":\"b\"}}", CANDIDATE)).isTrue();
        assertThat(passes("{\"alias\":{\"$lt\":\"b\"}}", CANDIDATE)).isFalse();
        assertThat(passes("{\"metadata.accuracy\":{\"$gt\":\"0\"}}", CANDIDATE)).isFalse();
        assertThat(passes("{\"metadata.name\":{\"$lt\":1}}", CANDIDATE)).isFalse();
        assertThat(passes("{\"metadata.missing\":{\"$lt\":1}}", CANDIDATE)).isFalse();
    }

    @Test
    void andOrNorNot() throws Exception {
        String and = "{\"$and\":[{\"aliases\":{\"$contains\":\"candidate\"}},{\"metadata.accuracy\":{\"$gte\":0.9}}]}";
        assertThat(passes(and, CANDIDATE)).isTrue();
        assertThat(passes(and, STAGING)).isFalse();
        String or = "{\"$or\":[{\"alias\":\"nope\"},{\"metadata.accuracy\":{\"$lt\":0.8}}]}";
        assertThat(passes(or, STAGING)).isTrue();
        assertThat(passes(or, CANDIDATE)).isFalse();
        String nor = "{\"$nor\":[{\"alias\":\"candidate\"},{\"alias\":\"prod\"}]}";
        assertThat(passes(nor, STAGING)).isTrue();
        assertThat(passes(nor, CANDIDATE)).isFalse();
        String not = "{\"$not\":{\"alias\":\"candidate\"}}";
        assertThat(passes(not, STAGING)).isTrue();
        assertThat(passes(not, CANDIDATE)).isFalse();
        String fieldNot = "{\"alias\":{\"$not\":{\"$regex\":\"^cand\"}}}";
        assertThat(passes(fieldNot, STAGING)).isTrue();
        assertThat(passes(fieldNot, CANDIDATE)).isFalse();
        String implicitAnd = "{\"alias\":\"candidate\",\"author\":\"bob\"}";
        assertThat(passes(implicitAnd, CANDIDATE)).isFalse();
        assertThat(passes("{\"alias\":\"candidate\",\"author\":\"alice\"}", CANDIDATE)).isTrue();
    }

    @Test
    void everyArtifactField() throws Exception {
        ArtifactEventData tagged = artifact(null, "reviewed", List.of("v"), List.of("reviewed", "vision"), Map.of());
        assertThat(passes("{\"tag\":\"reviewed\"}", tagged)).isTrue();
        assertThat(passes("{\"tag\":\"reviewed\"}", CANDIDATE)).isFalse();
        assertThat(passes("{\"tags\":{\"$contains\":\"vision\"}}", CANDIDATE)).isTrue();
        assertThat(passes("{\"tags\":{\"$contains\":\"vision\"}}", STAGING)).isFalse();
        assertThat(passes("{\"artifactType\":\"model\"}", CANDIDATE)).isTrue();
        assertThat(passes("{\"artifactType\":\"dataset\"}", CANDIDATE)).isFalse();
        assertThat(passes("{\"collection\":\"detector\"}", CANDIDATE)).isTrue();
        assertThat(passes("{\"collection\":\"other\"}", CANDIDATE)).isFalse();
        assertThat(passes("{\"collectionTags\":{\"$contains\":\"prod\"}}", CANDIDATE)).isTrue();
        assertThat(passes("{\"collectionTags\":{\"$contains\":\"dev\"}}", CANDIDATE)).isFalse();
        assertThat(passes("{\"author\":\"alice\"}", CANDIDATE)).isTrue();
        assertThat(passes("{\"author\":\"bob\"}", CANDIDATE)).isFalse();
    }

    @Test
    void everyRunField() throws Exception {
        Map<String, Object> config = Map.of("optimizer", Map.of("name", "adam", "lr", 0.001), "epochs", 10);
        assertThat(run("{\"runName\":{\"$regex\":\"^sweep-\"}}", "sweep-1", "u", null, null)).isTrue();
        assertThat(run("{\"runName\":{\"$regex\":\"^sweep-\"}}", "manual", "u", null, null)).isFalse();
        assertThat(run("{\"user\":\"alice\"}", "r", "alice", null, null)).isTrue();
        assertThat(run("{\"user\":\"alice\"}", "r", "bob", null, null)).isFalse();
        assertThat(run("{\"tags\":{\"$contains\":\"prod\"}}", "r", "u", List.of("prod"), null)).isTrue();
        assertThat(run("{\"tags\":{\"$contains\":\"prod\"}}", "r", "u", List.of("dev"), null)).isFalse();
        assertThat(run("{\"config.optimizer.name\":\"adam\"}", "r", "u", null, config)).isTrue();
        assertThat(run("{\"config.optimizer.lr\":{\"$lt\":0.01}}", "r", "u", null, config)).isTrue();
        assertThat(run("{\"config.epochs\":{\"$gte\":20}}", "r", "u", null, config)).isFalse();
        assertThat(run("{\"config.optimizer.name\":\"adam\"}", "r", "u", null, null)).isFalse();
    }

    @Test
    void explainNamesTheNodeThatFailedAndTheValueItSaw() throws Exception {
        Where where = artifactWhere(
                "{\"$and\":[{\"aliases\":{\"$contains\":\"candidate\"}},{\"metadata.accuracy\":{\"$gte\":0.9}}]}");
        List<String> why = new ArrayList<>();
        assertThat(where.explain(WhereSubjects.artifact(STAGING), why)).isFalse();
        assertThat(why).containsExactly(
                "where.$and[0].aliases.$contains: aliases is [\"staging\"], so $contains \"candidate\" is false",
                "where.$and[1].metadata.accuracy.$gte: metadata.accuracy is 0.71, so $gte 0.9 is false");
        List<String> none = new ArrayList<>();
        assertThat(where.explain(WhereSubjects.artifact(CANDIDATE), none)).isTrue();
        assertThat(none).isEmpty();
        List<String> not = new ArrayList<>();
        assertThat(artifactWhere("{\"$not\":{\"alias\":\"candidate\"}}").explain(WhereSubjects.artifact(CANDIDATE),
                not)).isFalse();
        assertThat(not).containsExactly("where.$not: the condition under $not holds (alias is \"candidate\")");
    }

    @Test
    void malformedExpressionsNameTheirNode() {
        refused("{\"alias\":{\"$like\":\"x\"}}", "alias.$like", false);
        refused("{\"$xor\":[]}", "$xor", false);
        refused("{\"alias\":{\"$in\":\"candidate\"}}", "alias.$in", false);
        refused("{\"$and\":{\"alias\":\"x\"}}", "$and", false);
        refused("{\"$and\":[]}", "$and", false);
        refused("{\"runName\":\"x\"}", "runName", false);
        refused("{\"alias.x\":\"y\"}", "alias.x", false);
        refused("{\"alias\":{\"$exists\":1}}", "alias.$exists", false);
        refused("{\"alias\":{\"$gt\":true}}", "alias.$gt", false);
        refused("{\"alias\":null}", "alias", false);
        refused("[]", "", false);
        refused("{\"$and\":[{\"alias\":{\"$regex\":\"(\"}}]}", "$and[0].alias.$regex", true);
        refused("{\"alias\":{\"$regex\":\"(?<=x)y\"}}", "alias.$regex", true);
    }

    @Test
    void limitsOfDepthAndSize() throws Exception {
        String deep = "{\"alias\":\"x\"}";
        for (int i = 0; i < 7; i++) {
            deep = "{\"$and\":[" + deep + "]}";
        }
        assertThat(artifactWhere(deep)).isNotNull();
        deep = "{\"$or\":[" + deep + "]}";
        WhereException tooDeep = refused(deep, "$or[0]" + ".$and[0]".repeat(7), true);
        assertThat(tooDeep.getMessage()).contains("at most 8 levels");
        StringBuilder wide = new StringBuilder("{\"$or\":[");
        for (int i = 0; i < 40; i++) {
            wide.append(i == 0 ? "" : ",").append("{\"alias\":\"a").append(i).append("\"}");
        }
        WhereException tooLarge = refused(wide.append("]}").toString(), "$or[31]", true);
        assertThat(tooLarge.getMessage()).contains("at most 64");
    }

    private static WhereException refused(String json, String path, boolean unprocessable) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        WhereException[] caught = new WhereException[1];
        assertThatThrownBy(() -> Where.compile(node, WhereField.ARTIFACT)).isInstanceOfSatisfying(WhereException.class,
                e -> {
                    caught[0] = e;
                    if (path != null) {
                        assertThat(e.path()).isEqualTo(path);
                    }
                    assertThat(e.unprocessable()).isEqualTo(unprocessable);
                });
        return caught[0];
    }
}
