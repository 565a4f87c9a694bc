// Runs inside /diagram-frame: draws one Mermaid diagram for the lesson page that embeds this frame.
(function () {
    'use strict';
    window.mermaid.initialize({startOnLoad: false, securityLevel: 'strict', theme: 'neutral'});

    window.renderDiagram = function (source) {
        return window.mermaid.render('diagram-svg', source).then(function (result) {
            document.getElementById('diagram').innerHTML = result.svg;
        });
    };

    window.diagramHeight = function () {
        return document.getElementById('diagram').getBoundingClientRect().height;
    };
})();
