# Writes app/src/main/resources/console/required-members.properties from botocore's service models.
import botocore, os, json, glob, gzip
base = os.path.join(os.path.dirname(botocore.__file__), 'data')
services = {'ecs': 'ecs', 'ec2': 'ec2', 'application-autoscaling': 'application-autoscaling',
            'cloudwatch': 'cloudwatch', 'elbv2': 'elbv2', 'deploy': 'codedeploy', 'iam': 'iam',
            'secretsmanager': 'secretsmanager', 'logs': 'logs', 'servicediscovery': 'servicediscovery',
            'ecr': 'ecr', 'ssm': 'ssm'}
lines = ["# Required input members per operation, from botocore's service models (Apache-2.0), for",
         "# 'aws <service> <operation> help' and the CLI's check of required options: the AWS SDK for",
         "# Java v2 does not carry them at run time. Regenerate with: python3 app/tools/required-members.py"]
for cli, folder in services.items():
    path = sorted(glob.glob(os.path.join(base, folder, '*', 'service-2.json*')))[-1]
    model = json.load(gzip.open(path) if path.endswith('.gz') else open(path))
    for name, op in sorted(model['operations'].items()):
        shape = op.get('input', {}).get('shape')
        required = model['shapes'][shape].get('required', []) if shape else []
        if required:
            lines.append(f"{cli}.{name}={','.join(required)}")
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'main', 'resources', 'console', 'required-members.properties')
open(out, 'w').write('\n'.join(lines) + '\n')
