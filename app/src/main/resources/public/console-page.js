// The console page's live view: polls GET /api/console/state (every 2 seconds on the simulator,
// every 10 on an AWS account, where each read is API calls against its rate limits; the page's
// data-poll-seconds says which), draws the
// clusters, services, tasks, container instances and target groups, the simulated clock, and a
// chart (inline SVG) of one service's desired and running counts and CPU over simulated time.
// Clock buttons run ecslabs commands through the console box (console.js). Every value is written
// with textContent or an SVG attribute, never as HTML.
(function () {
    'use strict';

    var SVG = 'http://www.w3.org/2000/svg';
    var chosen = null;
    var timer = null;
    var inFlight = false;
    var again = false;

    function el(tag, className, text) {
        var node = document.createElement(tag);
        if (className) {
            node.className = className;
        }
        if (text !== undefined && text !== null) {
            node.textContent = String(text);
        }
        return node;
    }

    function svg(tag, attributes) {
        var node = document.createElementNS(SVG, tag);
        Object.keys(attributes || {}).forEach(function (name) {
            node.setAttribute(name, String(attributes[name]));
        });
        return node;
    }

    function replace(container, child) {
        while (container.firstChild) {
            container.removeChild(container.firstChild);
        }
        if (child) {
            container.appendChild(child);
        }
    }

    function empty(text) {
        return el('p', 'empty', text);
    }

    function badge(text) {
        var kind = String(text || '').toLowerCase();
        return el('span', 'status status-' + kind.replace(/[^a-z_]/g, ''), text || '–');
    }

    function table(headers, rows) {
        var wrap = el('div', 'table-wrap');
        var t = el('table', 'live-table');
        var head = el('thead');
        var tr = el('tr');
        headers.forEach(function (header) { tr.appendChild(el('th', null, header)); });
        head.appendChild(tr);
        t.appendChild(head);
        var body = el('tbody');
        rows.forEach(function (cells) {
            var row = el('tr');
            cells.forEach(function (cell) {
                var td = el('td');
                if (cell instanceof Node) {
                    td.appendChild(cell);
                } else {
                    td.textContent = cell === null || cell === undefined ? '–' : String(cell);
                }
                row.appendChild(td);
            });
            body.appendChild(row);
        });
        t.appendChild(body);
        wrap.appendChild(t);
        return wrap;
    }

    function formatTime(seconds) {
        if (!seconds) {
            return '–';
        }
        return new Date(seconds * 1000).toISOString().replace('T', ' ').substring(0, 19) + ' UTC';
    }

    function meter(used, total, unit) {
        var box = el('span', 'meter');
        var bar = el('span', 'meter-bar');
        var fill = el('span', 'meter-fill');
        var share = total > 0 ? Math.min(1, used / total) : 0;
        fill.style.width = Math.round(share * 100) + '%';
        bar.appendChild(fill);
        box.appendChild(bar);
        box.appendChild(el('span', 'meter-text', used + ' / ' + total + ' ' + unit));
        return box;
    }

    function renderClock(clock) {
        var time = document.getElementById('clock-time');
        var speed = document.getElementById('clock-speed');
        if (!clock) {
            time.textContent = 'real time';
            speed.textContent = '';
            return;
        }
        time.textContent = formatTime(clock.now);
        speed.textContent = clock.paused || clock.speed === 0 ? 'paused' : clock.speed + '× speed';
        document.querySelectorAll('[data-speed]').forEach(function (button) {
            button.classList.toggle('active', !clock.paused && Number(button.getAttribute('data-speed')) === clock.speed);
        });
        var pause = document.querySelector('[data-clock-command="ecslabs clock pause"]');
        if (pause) {
            pause.classList.toggle('active', clock.paused || clock.speed === 0);
        }
    }

    function renderClusters(clusters) {
        var box = document.getElementById('live-clusters');
        if (!clusters.length) {
            replace(box, empty('No clusters yet. Try: aws ecs create-cluster --cluster-name demo'));
            return;
        }
        replace(box, table(['Cluster', 'Status', 'Services', 'Running', 'Pending', 'Instances'], clusters.map(function (c) {
            return [el('strong', 'cluster-name', c.name), badge(c.status), c.activeServices, c.runningTasks, c.pendingTasks,
                c.containerInstances];
        })));
    }

    function renderServices(services, splits) {
        var box = document.getElementById('live-services');
        if (!services.length) {
            replace(box, empty('No services yet.'));
            return;
        }
        var list = el('div', 'service-list');
        services.forEach(function (service) {
            var card = el('article', 'service-card');
            var title = el('h3', 'service-title');
            title.appendChild(el('span', 'service-name', service.name));
            title.appendChild(el('span', 'service-cluster', ' in ' + service.cluster));
            title.appendChild(badge(service.status));
            card.appendChild(title);
            var counts = el('p', 'service-counts');
            [['desired', service.desiredCount], ['running', service.runningCount], ['pending', service.pendingCount]]
                .forEach(function (pair) {
                    var count = el('span', 'count count-' + pair[0]);
                    count.appendChild(el('strong', null, pair[1]));
                    count.appendChild(document.createTextNode(' ' + pair[0]));
                    counts.appendChild(count);
                });
            counts.appendChild(el('span', 'service-launch', (service.launchType || '') +
                (service.deploymentController && service.deploymentController !== 'ECS' ? ' · ' + service.deploymentController : '')));
            card.appendChild(counts);
            if (service.deployments.length) {
                card.appendChild(table(['Deployment', 'Status', 'Rollout', 'Task definition', 'Desired', 'Pending', 'Running', 'Failed'],
                    service.deployments.map(function (d) {
                        return [d.id, badge(d.status), d.rolloutState ? badge(d.rolloutState) : '–', d.taskDefinition,
                            d.desiredCount, d.pendingCount, d.runningCount, d.failedTasks];
                    })));
            }
            if (service.taskSets.length) {
                card.appendChild(table(['Task set', 'Status', 'Scale %', 'Running'], service.taskSets.map(function (s) {
                    return [s.id, badge(s.status), s.scale, s.runningCount];
                })));
            }
            if (service.events.length) {
                var events = el('ul', 'service-events');
                service.events.forEach(function (event) {
                    var item = el('li');
                    item.appendChild(el('time', null, formatTime(event.createdAt).substring(11, 19)));
                    item.appendChild(document.createTextNode(' ' + event.message));
                    events.appendChild(item);
                });
                card.appendChild(events);
            }
            list.appendChild(card);
        });
        if (splits.length) {
            list.appendChild(renderSplits(splits));
        }
        replace(box, list);
    }

    function renderSplits(splits) {
        var box = el('div', 'traffic-splits');
        box.appendChild(el('h3', null, 'Traffic split'));
        splits.forEach(function (split) {
            var row = el('div', 'split');
            row.appendChild(el('span', 'split-source', split.source));
            var bar = el('span', 'split-bar');
            split.shares.forEach(function (share, index) {
                var part = el('span', 'split-part split-' + (index % 2 === 0 ? 'blue' : 'green'),
                    share.name + ' ' + Math.round(share.weight) + '%');
                part.style.flexGrow = String(Math.max(share.weight, 0.001));
                bar.appendChild(part);
            });
            row.appendChild(bar);
            box.appendChild(row);
        });
        return box;
    }

    function renderTasks(tasks) {
        var box = document.getElementById('live-tasks');
        if (!tasks.length) {
            replace(box, empty('No tasks yet.'));
            return;
        }
        replace(box, table(['Task', 'Cluster', 'Group', 'Task definition', 'Last status', 'Desired', 'Launch type / provider', 'Stopped reason'],
            tasks.map(function (t) {
                return [el('code', null, t.id.substring(0, 12)), t.cluster, t.group, t.taskDefinition, badge(t.lastStatus),
                    t.desiredStatus, (t.launchType || '') + (t.capacityProvider ? ' · ' + t.capacityProvider : ''),
                    t.stoppedReason ? t.stoppedReason + (t.stopCode ? ' (' + t.stopCode + ')' : '') : ''];
            })));
    }

    function renderInstances(instances) {
        var box = document.getElementById('live-instances');
        if (!instances.length) {
            replace(box, empty('No EC2 container instances. Try: ecslabs instances add --cluster demo --count 2'));
            return;
        }
        replace(box, table(['Instance', 'Type', 'Status', 'CPU', 'Memory', 'Tasks'], instances.map(function (i) {
            return [i.ec2InstanceId || i.id.substring(0, 12), i.instanceType, badge(i.status),
                meter(i.usedCpu, i.registeredCpu, 'units'), meter(i.usedMemory, i.registeredMemory, 'MiB'), i.runningTasks];
        })));
    }

    function renderTargets(part) {
        var box = document.getElementById('live-targets');
        if (!part || !part.available) {
            replace(box, empty('Elastic Load Balancing is not available in this simulator yet.'));
            return;
        }
        if (!part.items.length) {
            replace(box, empty('No target groups.'));
            return;
        }
        var rows = [];
        part.items.forEach(function (group) {
            if (!group.targets.length) {
                rows.push([group.name, '(no targets)', '', '']);
            }
            group.targets.forEach(function (target) {
                rows.push([group.name, target.id + (target.port ? ':' + target.port : ''), badge(target.state), target.reason || '']);
            });
        });
        replace(box, table(['Target group', 'Target', 'Health', 'Reason'], rows));
    }

    function renderServicePicker(chart) {
        var select = document.getElementById('chart-service');
        var current = Array.prototype.map.call(select.options, function (o) { return o.value; }).join('|');
        if (current !== chart.services.join('|')) {
            replace(select, null);
            chart.services.forEach(function (key) {
                var option = el('option', null, key);
                option.value = key;
                select.appendChild(option);
            });
        }
        if (chart.service) {
            select.value = chart.service;
        }
        select.disabled = !chart.services.length;
    }

    function path(points, x, y, step) {
        var d = '';
        points.forEach(function (p, index) {
            var px = x(p[0]).toFixed(1);
            var py = y(p[1]).toFixed(1);
            if (index === 0) {
                d += 'M' + px + ' ' + py;
            } else if (step) {
                d += ' H' + px + ' V' + py;
            } else {
                d += ' L' + px + ' ' + py;
            }
        });
        return d;
    }

    function renderChart(chart) {
        var root = document.getElementById('chart');
        var note = document.getElementById('chart-note');
        replace(root, null);
        var width = 640, height = 240, left = 40, right = 44, top = 12, bottom = 28;
        var counts = chart.counts || [];
        var cpu = chart.cpu || [];
        if (!chart.service || (!counts.length && !cpu.length)) {
            var text = svg('text', {x: width / 2, y: height / 2, 'text-anchor': 'middle', 'class': 'chart-empty'});
            text.textContent = 'Create a service to see its counts over time.';
            root.appendChild(text);
            note.textContent = '';
            return;
        }
        var times = counts.map(function (s) { return s.t; }).concat(cpu.map(function (p) { return p.t; }));
        var t0 = Math.min.apply(null, times);
        var t1 = Math.max.apply(null, times);
        if (t1 - t0 < 60) {
            t1 = t0 + 60;
        }
        var maxCount = Math.max(2, Math.max.apply(null, counts.map(function (s) { return Math.max(s.desired, s.running); }).concat([0])));
        // Four grid steps of whole tasks, with room above the highest count.
        maxCount = Math.max(4, Math.ceil(maxCount * 1.25 / 4) * 4);
        var x = function (t) { return left + (t - t0) / (t1 - t0) * (width - left - right); };
        var yCount = function (c) { return top + (1 - c / maxCount) * (height - top - bottom); };
        var yCpu = function (v) { return top + (1 - Math.min(100, v) / 100) * (height - top - bottom); };

        for (var i = 0; i <= 4; i++) {
            var gy = top + i * (height - top - bottom) / 4;
            root.appendChild(svg('line', {x1: left, x2: width - right, y1: gy, y2: gy, 'class': 'grid'}));
            var countLabel = svg('text', {x: left - 6, y: gy + 4, 'text-anchor': 'end', 'class': 'axis'});
            countLabel.textContent = String(maxCount * (1 - i / 4));
            root.appendChild(countLabel);
            var cpuLabel = svg('text', {x: width - right + 6, y: gy + 4, 'class': 'axis cpu-axis'});
            cpuLabel.textContent = (100 - i * 25) + '%';
            root.appendChild(cpuLabel);
        }
        [t0, (t0 + t1) / 2, t1].forEach(function (t, index) {
            var label = svg('text', {x: x(t), y: height - 8, 'class': 'axis',
                'text-anchor': index === 0 ? 'start' : index === 1 ? 'middle' : 'end'});
            label.textContent = formatTime(t).substring(11, 19);
            root.appendChild(label);
        });
        if (cpu.length) {
            root.appendChild(svg('path', {d: path(cpu.map(function (p) { return [p.t, p.value]; }), x, yCpu, false), 'class': 'line cpu'}));
        }
        if (counts.length) {
            var last = counts[counts.length - 1];
            var extend = function (points) { return points.concat([[t1, points[points.length - 1][1]]]); };
            root.appendChild(svg('path', {d: path(extend(counts.map(function (s) { return [s.t, s.running]; })), x, yCount, true),
                'class': 'line running'}));
            root.appendChild(svg('path', {d: path(extend(counts.map(function (s) { return [s.t, s.desired]; })), x, yCount, true),
                'class': 'line desired'}));
            root.setAttribute('data-desired', String(last.desired));
            root.setAttribute('data-running', String(last.running));
        }
        root.setAttribute('data-points', String(counts.length + cpu.length));
        note.textContent = chart.cpuAvailable ? '' : 'No CPU datapoints from CloudWatch for this service yet.';
    }

    function showError(message) {
        var error = document.getElementById('live-error');
        error.hidden = !message;
        error.textContent = message || '';
    }

    function render(state) {
        showError(state.error);
        renderClock(state.clock);
        renderClusters(state.clusters);
        renderServices(state.services, state.trafficSplits || []);
        renderTasks(state.tasks);
        renderInstances(state.containerInstances);
        renderTargets(state.targetGroups);
        renderServicePicker(state.chart);
        renderChart(state.chart);
    }

    function refresh() {
        if (inFlight) {
            // A command ran while a poll was on its way: read once more when it is back.
            again = true;
            return;
        }
        inFlight = true;
        var url = '/api/console/state' + (chosen ? '?service=' + encodeURIComponent(chosen) : '');
        fetch(url, {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
            .then(function (response) {
                return response.json().then(function (body) {
                    if (!response.ok) {
                        // Such as stored AWS keys that no longer decrypt: say so instead of drawing nothing.
                        showError(body && body.message ? body.message : 'The live view failed (HTTP ' + response.status + ').');
                        return;
                    }
                    render(body);
                });
            })
            .catch(function () { /* The next poll will try again. */ })
            .finally(function () {
                inFlight = false;
                if (again) {
                    again = false;
                    refresh();
                }
            });
    }

    document.addEventListener('DOMContentLoaded', function () {
        if (!document.getElementById('chart')) {
            return;
        }
        document.getElementById('chart-service').addEventListener('change', function (event) {
            chosen = event.target.value;
            refresh();
        });
        var box = document.querySelector('[data-console]');
        document.querySelectorAll('[data-clock-command]').forEach(function (button) {
            button.addEventListener('click', function () {
                var command = button.getAttribute('data-clock-command');
                if (box && box.consoleBox) {
                    box.consoleBox.run(command);
                } else {
                    window.EcsLabsConsole.run(command);
                }
            });
        });
        document.addEventListener('console:ran', refresh);
        refresh();
        var page = document.querySelector('.console-page');
        var seconds = Number(page && page.getAttribute('data-poll-seconds')) || 2;
        timer = setInterval(refresh, seconds * 1000);
    });
})();
