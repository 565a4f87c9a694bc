"""Writes the input shapes of the operations the simulator answers, from the botocore models
(the reference for every field), so that the wire layer can refuse a value of the wrong type
before a service reads it. Run from the repository root after adding operations:

    python3 simulator/tools/input-shapes.py \
        > simulator/src/main/resources/org/ecslabs/simulator/protocol/input-shapes.json

Format: {"operations": {"<target prefix and/or query signing name>": {"<Operation>": "<shape>"}},
"shapes": {"<shape>": {"structure": {"<wire name>": "<shape>"}} | {"list": "<shape>"}
| {"map": "<shape>"}}}. Shape names are prefixed with their service
(so contain a colon); a scalar is named by its type (string, integer, boolean, timestamp, ...). Wire names are what the
protocol sends: the member name for JSON, the query name for the query protocols.
"""
import glob
import gzip
import json
import os
import re

import botocore

SERVICES = ['ecs', 'ec2', 'elbv2', 'codedeploy', 'cloudwatch', 'application-autoscaling', 'iam',
            'secretsmanager', 'ssm', 'logs', 'ecr', 'servicediscovery', 'sts', 'resourcegroupstaggingapi',
            'autoscaling', 'events']

base = os.path.join(os.path.dirname(botocore.__file__), 'data')
source = ''
for path in glob.glob('simulator/src/main/java/**/*.java', recursive=True):
    with open(path, encoding='utf-8') as f:
        source += f.read()
named = set(re.findall(r'"([A-Z][A-Za-z0-9]+)"', source))
operations = {}
shapes = {}


def wire_name(protocol, member, ref):
    if protocol == 'ec2':
        name = ref.get('queryName') or ref.get('locationName') or member
        return name[0].upper() + name[1:]
    if protocol == 'query':
        return ref.get('locationName') or member
    return member


def add(service, protocol, model, name):
    shape = model['shapes'][name]
    kind = shape['type']
    if kind not in ('structure', 'list', 'map'):
        return kind
    key = service + ':' + name
    if key in shapes:
        return key
    shapes[key] = kind
    if kind == 'structure':
        members = {}
        for member, ref in shape.get('members', {}).items():
            members[wire_name(protocol, member, ref)] = add(service, protocol, model, ref['shape'])
        shapes[key] = {'structure': members}
    elif kind == 'list':
        shapes[key] = {'list': add(service, protocol, model, shape['member']['shape'])}
    elif kind == 'map':
        shapes[key] = {'map': add(service, protocol, model, shape['value']['shape'])}
    return key


for service in SERVICES:
    path = sorted(glob.glob(f'{base}/{service}/*/service-2.json*'))[-1]
    with (gzip.open(path) if path.endswith('.gz') else open(path, encoding='utf-8')) as f:
        model = json.load(f)
    meta = model['metadata']
    protocol = meta['protocol']
    ops = {}
    for name, op in sorted(model['operations'].items()):
        if name in named and 'input' in op:
            ops[name] = add(service, protocol, model, op['input']['shape'])
    operations[meta.get('targetPrefix') or meta.get('signingName') or meta['endpointPrefix']] = ops
    # CloudWatch answers both RPC v2 CBOR (by target prefix) and the query protocol (by signing name).
    if meta.get('targetPrefix') and 'query' in meta.get('protocols', [meta['protocol']]):
        operations[meta.get('signingName') or meta['endpointPrefix']] = ops

print(json.dumps({'operations': operations, 'shapes': shapes}, sort_keys=True, separators=(',', ':')))
