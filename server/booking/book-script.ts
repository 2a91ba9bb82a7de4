// The /book page's script, sent inline (the page's CSP allows only it). Plain ES2017 for old phone
// browsers; talks to /api/book. `T` (the page's texts) is defined before it.
export const BOOK_SCRIPT = `(function(){
var $=function(id){return document.getElementById(id)};
var pick={service:null,procedure:null,day:null,time:null},moving=null,shown=null,ph='';
var WD=['CN','T2','T3','T4','T5','T6','T7'];
function fill(s,p){return s.replace(/\\{(\\w+)\\}/g,function(_,k){return p[k]==null?'':p[k]})}
function err(res){$('err').textContent=res?(res.issues&&res.issues.length?res.issues.map(function(i){return i.message}).join('; '):res.message+(res.messageEn?' / '+res.messageEn:'')):T.failed.vi}
function api(path,body){$('err').textContent='';return fetch('/api/book'+path,body?{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(body)}:{}).then(function(r){return r.json()}).then(function(j){if(!j.ok){err(j);throw j}return j.data},function(e){if(!e||e.ok!==false)err(null);throw e})}
function btn(text,on,dis){var b=document.createElement('button');b.type='button';b.textContent=text;b.disabled=!!dis;b.onclick=on;return b}
function press(box,b){[].forEach.call(box.children,function(c){c.setAttribute('aria-pressed',c===b?'true':'false')})}
function dmy(d){return d.slice(8)+'/'+d.slice(5,7)+'/'+d.slice(0,4)}
function choose(service,procedure,label){pick={service:service,procedure:procedure,day:null,time:null};$('chosen').textContent=label;$('s2').hidden=false;$('s3').hidden=true;$('slots').textContent='';
api('/days?service='+encodeURIComponent(service)).then(function(d){var box=$('days');box.textContent='';d.days.forEach(function(x){var w=WD[new Date(x.day+'T00:00:00Z').getUTCDay()];
var b=btn(w+' '+dmy(x.day).slice(0,5)+' · '+(x.closed?T.closed.vi:x.free>0?fill(T.free.vi,{n:x.free}):T.full.vi),function(){press(box,b);day(x.day)},x.closed||x.free<=0);box.appendChild(b)});$('s2').scrollIntoView()}).catch(function(){})}
function day(d){pick.day=d;pick.time=null;api('/slots?service='+encodeURIComponent(pick.service)+'&day='+d).then(function(s){var box=$('slots');box.textContent='';var any=false;
s.slots.forEach(function(x){if(x.free<=0)return;any=true;var b=btn(x.time,function(){press(box,b);pick.time=x.time;if(moving)move();else{$('s3').hidden=false;$('s3').scrollIntoView()}});box.appendChild(b)});$('noslots').hidden=any}).catch(function(){})}
function show(b){shown=b;$('s1').hidden=$('s2').hidden=$('s3').hidden=true;$('s4').hidden=false;$('code').textContent=b.code;$('when').textContent=b.serviceName+' — '+fill(T.when.vi,{time:b.time,day:dmy(b.day)});
$('qr').innerHTML=b.status==='booked'?b.qrSvg:'';$('state').textContent=b.status==='cancelled'?T.cancelled.vi:'';$('cancel').hidden=$('move').hidden=b.status!=='booked';$('s4').scrollIntoView()}
function move(){api('/move',{code:moving.code,phone:moving.phone,day:pick.day,time:pick.time}).then(function(b){moving=null;show(b)}).catch(function(){})}
var timer=null;$('q').oninput=function(){clearTimeout(timer);var q=$('q').value;timer=setTimeout(function(){api('/search?q='+encodeURIComponent(q)).then(function(d){var ul=$('hits');ul.textContent='';
d.hits.forEach(function(h){var li=document.createElement('li');li.appendChild(btn(h.name+(h.kind==='procedure'?' ('+h.serviceName+')':''),function(){choose(h.serviceCode,h.kind==='procedure'?h.code:null,h.name)}));ul.appendChild(li)})}).catch(function(){})},250)};
$('svc').onchange=function(){var o=$('svc').selectedOptions[0];if(o&&o.value)choose(o.value,null,o.textContent)};
$('f').onsubmit=function(e){e.preventDefault();var f=e.target;$('submit').disabled=true;
api('',{serviceCode:pick.service,procedureCode:pick.procedure,day:pick.day,time:pick.time,phone:f.phone.value,cccd:f.cccd.value,name:f.name.value}).then(function(b){ph=f.phone.value;f.cccd.value='';show(b)}).catch(function(){}).then(function(){$('submit').disabled=false})};
$('mf').onsubmit=function(e){e.preventDefault();var f=e.target;api('/find',{code:f.code.value,phone:f.phone.value}).then(function(b){ph=f.phone.value;show(b)}).catch(function(){})};
$('cancel').onclick=function(){api('/cancel',{code:shown.code,phone:ph}).then(show).catch(function(){})};
$('move').onclick=function(){moving={code:shown.code,phone:ph};$('s4').hidden=true;$('s1').hidden=false;choose(shown.serviceCode,shown.procedureCode,shown.serviceName)};
$('again').onclick=function(){moving=null;$('s4').hidden=true;$('s1').hidden=false;$('s2').hidden=true;$('q').value='';$('hits').textContent='';window.scrollTo(0,0)};
})();`;
