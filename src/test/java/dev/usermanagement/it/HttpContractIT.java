package dev.usermanagement.it;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP contract through a real Payara Micro, deployed by Arquillian. */
@ExtendWith(ArquillianExtension.class)
class HttpContractIT extends HttpContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.service();
    }

    @ArquillianResource
    URL deployed;

    @Override
    URL service() {
        return deployed;
    }
}
