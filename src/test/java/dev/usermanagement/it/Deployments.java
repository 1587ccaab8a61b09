package dev.usermanagement.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR that `package` built, deployed as ROOT so that it answers at /api/users/... as in production. */
public final class Deployments {

    private Deployments() {
    }

    private static final String CONFIG = "/WEB-INF/classes/META-INF/microprofile-config.properties";

    public static WebArchive service() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File("target/user-management.war"))
                .as(WebArchive.class);
    }

    /** The same WAR with some defaults changed, as an operator would change them. */
    public static WebArchive service(Map<String, String> settings) {
        WebArchive war = service();
        StringBuilder config = new StringBuilder();
        try (InputStream defaults = war.get(CONFIG).getAsset().openStream()) {
            config.append(new String(defaults.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        settings.forEach((key, value) -> config.append('\n').append(key).append('=').append(value));
        war.delete(CONFIG);
        return war.add(new StringAsset(config.toString()), CONFIG);
    }

    /** With the test-only servlet that hands out the private signing keys (ForgedTokens). */
    public static WebArchive withStolenKeys(WebArchive war) {
        return war.addClass(StolenKeys.class);
    }
}
