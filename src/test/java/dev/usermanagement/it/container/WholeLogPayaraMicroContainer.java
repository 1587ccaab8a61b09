package dev.usermanagement.it.container;

import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;

/**
 * The Payara Micro adapter (3.1) with its servlet list made whole.
 *
 * <p>The adapter copies Payara Micro's console every 200 ms and reads the deployed servlets from the
 * first copy that holds the instance configuration up to its "HTTPS" line. The "Deployed" list comes
 * after that line, so on a busy machine the copy can end before it, and every in-container test of the
 * class then fails with "ArquillianServletRunnerEE9 not found" (seen once in CI). When {@code deploy}
 * returns the application is already deployed, so the runner's address follows from the archive name.
 */
public class WholeLogPayaraMicroContainer extends PayaraMicroDeployableContainer {

    static final String RUNNER = "ArquillianServletRunnerEE9";
    /** The jar that Arquillian's Jakarta Servlet protocol adds to a testable deployment; it holds the runner. */
    static final String RUNNER_JAR = "/WEB-INF/lib/arquillian-jakarta-servlet-protocol.jar";

    private static final Logger LOG = Logger.getLogger(WholeLogPayaraMicroContainer.class.getName());

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        ProtocolMetaData metaData = super.deploy(archive);
        if (metaData == null) {
            throw new DeploymentException("Payara Micro did not start " + archive.getName());
        }
        for (HTTPContext context : metaData.getContexts(HTTPContext.class)) {
            if (context.getServletByName(RUNNER) == null && archive.contains(RUNNER_JAR)) {
                LOG.warning("The adapter read the console before the deployed servlets; adding " + RUNNER);
                context.add(new Servlet(RUNNER, contextRoot(archive.getName())));
            }
        }
        return metaData;
    }

    /** Payara Micro names a WAR's context after its file, and serves ROOT.war at the root. */
    static String contextRoot(String archiveName) {
        String base = archiveName.endsWith(".war") ? archiveName.substring(0, archiveName.length() - 4) : archiveName;
        return "ROOT".equals(base) ? "/" : "/" + base;
    }
}
