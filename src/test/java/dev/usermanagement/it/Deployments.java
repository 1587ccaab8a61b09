package dev.usermanagement.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR that `package` built, deployed as ROOT so that it answers at /api/users/... as in production. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive service() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File("target/user-management.war"))
                .as(WebArchive.class);
    }
}
