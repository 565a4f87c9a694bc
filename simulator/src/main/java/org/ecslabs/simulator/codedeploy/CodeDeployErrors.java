package org.ecslabs.simulator.codedeploy;

import org.ecslabs.simulator.protocol.AwsException;

/** CodeDeploy's error types (each its own exception shape in the model), worded as CodeDeploy words them. */
final class CodeDeployErrors {
    private CodeDeployErrors() {
    }

    static AwsException of(String type, String message) {
        return new AwsException(type, message);
    }

    static AwsException applicationDoesNotExist(String name) {
        return of("ApplicationDoesNotExistException", "No application found for name: " + name);
    }

    static AwsException deploymentGroupDoesNotExist(String application, String group) {
        return of("DeploymentGroupDoesNotExistException",
                "No Deployment Group found for name: " + group);
    }

    static AwsException deploymentDoesNotExist(String id) {
        return of("DeploymentDoesNotExistException", "The deployment " + id + " could not be found.");
    }

    static AwsException deploymentConfigDoesNotExist(String name) {
        return of("DeploymentConfigDoesNotExistException", "No deployment configuration found for name: " + name);
    }

    static AwsException required(String type, String message) {
        return of(type, message);
    }
}
